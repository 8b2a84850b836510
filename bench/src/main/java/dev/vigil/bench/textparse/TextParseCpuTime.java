package dev.vigil.bench.textparse;

import dev.vigil.model.textparse.Entry;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.model.textparse.ExpositionParser;
import dev.vigil.model.textparse.ParserOptions;
import dev.vigil.model.textparse.TextParseException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Samples parsed per second of this thread's CPU time, for the same bodies and paths as {@link
 * TextParseBenchmark}. Wall-clock JMH scores swing widely on a shared 2-core machine; thread CPU
 * time is far less sensitive to other processes, so this gives a steadier single-core figure.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.textparse.TextParseCpuTime}
 */
public final class TextParseCpuTime {
    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 8;
    private static final int BODIES_PER_ROUND = 2000;

    private TextParseCpuTime() {}

    public static void main(String[] args) throws TextParseException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ExpositionFormat format : ExpositionFormat.values()) {
            NodeExporterBody.Body body = format == ExpositionFormat.OPENMETRICS_TEXT
                    ? NodeExporterBody.openMetrics()
                    : NodeExporterBody.text();
            byte[] bytes = body.bytes();
            ExpositionParser parser = format.newParser(bytes, 0, bytes.length, ParserOptions.defaults());
            for (boolean allLabels : new boolean[] {false, true}) {
                double best = 0;
                long sink = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int r = 0; r < BODIES_PER_ROUND; r++) {
                        sink += parseOnce(parser, bytes, allLabels);
                    }
                    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                    if (round >= WARMUP_ROUNDS) {
                        best = Math.max(best, BODIES_PER_ROUND * (double) body.samples() / seconds);
                    }
                }
                System.out.printf(
                        "%-16s %-14s %6.2f M samples per CPU-second (best of %d rounds; %d bytes, %d samples per body; checksum %d)%n",
                        format,
                        allLabels ? "allLabels" : "scrapeCacheHit",
                        best / 1e6,
                        ROUNDS - WARMUP_ROUNDS,
                        bytes.length,
                        body.samples(),
                        sink);
            }
        }
    }

    private static long parseOnce(ExpositionParser p, byte[] bytes, boolean allLabels) throws TextParseException {
        long sink = 0;
        p.reset(bytes, 0, bytes.length);
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                sink += p.seriesLength() + (long) p.value();
                if (allLabels) {
                    sink += p.metricName().length();
                    for (int i = 0, n = p.labelCount(); i < n; i++) {
                        sink += p.labelName(i).length() + p.labelValue(i).length();
                    }
                }
            }
        }
        return sink;
    }
}
