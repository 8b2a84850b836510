package dev.vigil.bench.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Samples per second appended into existing series of the RocksDB TSDB: each invocation is one "scrape" of 10,000
 * series appended by cached ref and committed (one WAL write batch), so chunk cuts and checkpoints are included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The collector and heap sizing bin/vigil runs the server with.
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-XX:+UseSerialGC",
            "-Xms32m",
            "-XX:MaxNewSize=16m",
            "-XX:MinHeapFreeRatio=20",
            "-XX:MaxHeapFreeRatio=40"
        })
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HeadAppendBenchmark {
    static final int SERIES = 10_000;

    private Path dir;
    private Tsdb tsdb;
    private final Labels[] labels = new Labels[SERIES];
    private final long[] refs = new long[SERIES];
    private long time;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchDirs.create("vigil-bench-tsdb");
        tsdb = Tsdb.open(TsdbOptions.of(dir));
        for (int i = 0; i < SERIES; i++) {
            labels[i] = Labels.of(
                    "__name__", "http_requests_total", "instance", "10.0.0." + (i % 250), "code", "200", "id", "s" + i);
        }
        appendScrape();
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendScrape() throws AppendException {
        Appender app = tsdb.appender();
        long t = time;
        for (int i = 0; i < SERIES; i++) {
            refs[i] = app.append(refs[i], labels[i], t, t / 1000 + i);
        }
        app.commit();
        time += 15_000;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tsdb.close();
        BenchDirs.delete(dir);
    }
}
