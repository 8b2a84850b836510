package dev.vigil.bench.textparse;

import dev.vigil.model.textparse.Entry;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.model.textparse.ExpositionParser;
import dev.vigil.model.textparse.ParserOptions;
import dev.vigil.model.textparse.SymbolCache;
import dev.vigil.model.textparse.TextParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parses a node-exporter-like scrape body (~2,000 samples with HELP/TYPE lines) in both formats.
 * One JMH operation is one sample, so the score is samples per second and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per sample.
 *
 * <ul>
 *   <li>{@code scrapeCacheHit}: what a scrape loop does for a series it has seen: raw series bytes,
 *       value, timestamp; no strings.
 *   <li>{@code allLabels}: a cache miss for every sample: metric name and every label name/value
 *       as strings (through the parser's {@link SymbolCache}).
 * </ul>
 *
 * Run: {@code java -jar bench/target/benchmarks.jar TextParse -f 1 -wi 3 -i 5 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TextParseBenchmark {
    /** Samples in the generated body; checked in setup so the per-sample figures stay honest. */
    static final int SAMPLES = 1939;

    @Param({"PROMETHEUS_TEXT", "OPENMETRICS_TEXT"})
    public ExpositionFormat format;

    private byte[] body;
    private ExpositionParser parser;

    @Setup
    public void setUp() {
        NodeExporterBody.Body generated =
                format == ExpositionFormat.OPENMETRICS_TEXT ? NodeExporterBody.openMetrics() : NodeExporterBody.text();
        if (generated.samples() != SAMPLES) {
            throw new IllegalStateException("generated " + generated.samples() + " samples, expected " + SAMPLES);
        }
        body = generated.bytes();
        parser = format.newParser(body, 0, body.length, ParserOptions.defaults().withSymbols(new SymbolCache()));
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void scrapeCacheHit(Blackhole bh) throws TextParseException {
        ExpositionParser p = parser;
        p.reset(body, 0, body.length);
        long bytes = 0;
        double sum = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                bytes += p.seriesOffset() + p.seriesLength();
                sum += p.value();
                if (p.hasTimestamp()) {
                    bytes += p.timestampMs();
                }
            }
        }
        bh.consume(bytes);
        bh.consume(sum);
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void allLabels(Blackhole bh) throws TextParseException {
        ExpositionParser p = parser;
        p.reset(body, 0, body.length);
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                bh.consume(p.metricName());
                for (int i = 0, n = p.labelCount(); i < n; i++) {
                    bh.consume(p.labelName(i));
                    bh.consume(p.labelValue(i));
                }
                bh.consume(p.value());
            }
        }
    }
}
