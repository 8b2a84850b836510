package dev.vigil.bench.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Samples per second that a query reads: select 2,000 of 10,000 series by two matchers and iterate 2 h of their samples
 * (480 each at 15 s). {@code memory}: the range starts after the head's horizon, so the in-memory postings answer and
 * recent chunks come from memory; {@code stored}: after a restart, postings come from the index column family and
 * chunks from RocksDB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SelectIterateBenchmark {
    static final int SERIES = 10_000;
    static final int SELECTED = 2_000;
    static final int SAMPLES = 480;
    static final long START = 1_700_000_000_000L;

    @Param({"memory", "stored"})
    public String source;

    private Path dir;
    private Tsdb tsdb;
    private long minT;
    private long maxT;
    private SeriesIterator reuse;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = BenchDirs.create("vigil-bench-select");
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO);
        Labels[] labels = new Labels[SERIES];
        for (int i = 0; i < SERIES; i++) {
            labels[i] = Labels.of(
                    "__name__",
                    i % 5 == 0 ? "http_requests_total" : "other_metric_" + (i % 5),
                    "instance",
                    "10.0.0." + (i % 250) + ":8080",
                    "job",
                    "api",
                    "id",
                    Integer.toString(i));
        }
        long[] refs = new long[SERIES];
        tsdb = Tsdb.open(options);
        // 3 h: the first hour only ages the data so the queried 2 h lie after the head's horizon.
        long last = START + 3 * 3_600_000L;
        for (long t = START; t < last; t += 15_000) {
            Appender app = tsdb.appender();
            for (int i = 0; i < SERIES; i++) {
                refs[i] = app.append(refs[i], labels[i], t, t / 1000 + (i % 7));
            }
            app.commit();
        }
        tsdb.runMaintenance();
        minT = last - 2 * 3_600_000L;
        maxT = last;
        if (source.equals("stored")) {
            tsdb.close();
            tsdb = Tsdb.open(options);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SELECTED * SAMPLES)
    public double selectAndIterate() {
        double sum = 0;
        long n = 0;
        try (Querier q = tsdb.querier(minT, maxT)) {
            SeriesSet set =
                    q.select(false, Matcher.equal("__name__", "http_requests_total"), Matcher.equal("job", "api"));
            while (set.next()) {
                SeriesIterator it = set.at().iterator(reuse);
                reuse = it;
                while (it.next()) {
                    sum += it.value();
                    n++;
                }
            }
        }
        if (n < (long) SELECTED * (SAMPLES - 1)) {
            throw new IllegalStateException("read only " + n + " samples");
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tsdb.close();
        BenchDirs.delete(dir);
    }
}
