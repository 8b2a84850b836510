package dev.vigil.bench.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.nio.file.Path;
import java.time.Duration;
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
 * Samples per second appended into series the TSDB has never seen (a target's first scrape, or churn): each invocation
 * appends one sample to each of 10,000 new series and commits, so series creation, their postings and their stored
 * definitions are included. A fresh database per iteration keeps the series count bounded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NewSeriesAppendBenchmark {
    static final int SERIES = 10_000;

    private Path dir;
    private Tsdb tsdb;
    private long next;

    @Setup(Level.Iteration)
    public void setUp() {
        dir = BenchDirs.create("vigil-bench-new-series");
        tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public void appendNewSeries() throws AppendException {
        Appender app = tsdb.appender();
        for (int i = 0; i < SERIES; i++) {
            long n = next++;
            Labels labels = Labels.of(
                    "__name__", "http_requests_total",
                    "instance", "10.0." + (n / 250 % 250) + "." + (n % 250) + ":8080",
                    "job", "api",
                    "pod", "api-" + (n / 50),
                    "code", "200");
            app.append(0, labels, 1_700_000_000_000L, n);
        }
        app.commit();
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        tsdb.close();
        BenchDirs.delete(dir);
    }
}
