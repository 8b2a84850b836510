package dev.vigil.bench.tsdb;

import dev.vigil.bench.RealisticSeries;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bytes per sample on disk for a realistic mix ({@link RealisticSeries#kindOf}: counters, CPU seconds, gauges of
 * several kinds, histogram buckets, sums and counts) scraped every 15 s, one late scrape in ten. The data goes through
 * the normal append path; the figure is the whole data directory after {@link Tsdb#compact()} divided by the samples,
 * reported as the {@code bytesPerSample} counter (the time is the ingestion time).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar BytesPerSampleBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class BytesPerSampleBenchmark {
    @Param("2000")
    public int series;

    @Param("24")
    public int hours;

    /** The result: bytes on disk per sample. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Result {
        public double bytesPerSample;
        public double chunkCount;
    }

    private Path dir;

    @Setup(Level.Invocation)
    public void setUp() {
        dir = BenchDirs.create("vigil-bench-bytes");
    }

    @Benchmark
    public void ingestAndMeasure(Result result) throws Exception {
        Labels[] labels = new Labels[series];
        RealisticSeries[] values = new RealisticSeries[series];
        for (int i = 0; i < series; i++) {
            RealisticSeries.Kind kind = RealisticSeries.kindOf(i);
            labels[i] = Labels.of(
                    "__name__",
                    "metric_" + kind.name().toLowerCase(java.util.Locale.ROOT) + "_" + (i % 17),
                    "instance",
                    "10.1." + (i / 134 / 250) + "." + (i / 134 % 250) + ":9100",
                    "job",
                    "node",
                    "id",
                    Integer.toString(i));
            values[i] = new RealisticSeries(kind, i + 1, i % 12, 12);
        }
        long[] refs = new long[series];
        long samples = 0;
        long start = 1_700_000_000_000L;
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO))) {
            for (long t = 0; t < hours * 3_600_000L; t += 15_000) {
                SplittableRandom late = new SplittableRandom(t);
                Appender app = tsdb.appender();
                for (int i = 0; i < series; i++) {
                    long ts = start + t + (i / 134) * 7 % 15_000 + (late.nextInt(10) == 0 ? late.nextInt(1, 6) : 0);
                    refs[i] = app.append(refs[i], labels[i], ts, values[i].next(15));
                    samples++;
                }
                app.commit();
                if (t % 3_600_000L == 0) {
                    tsdb.runMaintenance();
                }
            }
            tsdb.compact();
        }
        result.bytesPerSample = BenchDirs.size(dir) / (double) samples;
        BenchDirs.delete(dir);
    }
}
