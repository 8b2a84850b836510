package dev.vigil.bench.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Heap bytes per active series in the head: {@code series} series receive 60 scrapes (so their open chunks are half
 * full, the average over a chunk's life), then the heap in use after full collections, minus the heap before, is
 * divided by the series. Labels are built once, as a scraper's cache holds them, and counted. Reported as the {@code
 * heapBytesPerSeries} counter.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar HeadMemoryBenchmark -p series=1000000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g", "-XX:+UseG1GC"})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class HeadMemoryBenchmark {
    static final int SCRAPES = 60;

    @Param({"100000", "1000000"})
    public int series;

    /** The result. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Result {
        public double heapBytesPerSeries;
    }

    private Path dir;

    @Setup(Level.Invocation)
    public void setUp() {
        dir = BenchDirs.create("vigil-bench-memory");
    }

    @Benchmark
    public void fillAndMeasure(Result result) throws Exception {
        long before = BenchDirs.usedHeap();
        ClusterLabels shapes = new ClusterLabels();
        Labels[] labels = new Labels[series];
        for (int i = 0; i < series; i++) {
            labels[i] = shapes.labels(i);
        }
        long[] refs = new long[series];
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO))) {
            for (int s = 0; s < SCRAPES; s++) {
                long t = 1_700_000_000_000L + s * 15_000L;
                for (int from = 0; from < series; from += 50_000) {
                    Appender app = tsdb.appender();
                    for (int i = from; i < Math.min(series, from + 50_000); i++) {
                        refs[i] = app.append(refs[i], labels[i], t, s * (i % 13));
                    }
                    app.commit();
                }
            }
            tsdb.runMaintenance(); // persists cut chunks; the open chunks stay
            long after = BenchDirs.usedHeap();
            result.heapBytesPerSeries = (after - before) / (double) series;
            if (refs[series - 1] == 0 || tsdb.seriesCount() != series) {
                throw new IllegalStateException("series missing");
            }
        }
    }

    @TearDown(Level.Invocation)
    public void tearDown() {
        BenchDirs.delete(dir);
    }
}
