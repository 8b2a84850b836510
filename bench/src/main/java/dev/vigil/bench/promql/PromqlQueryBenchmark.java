package dev.vigil.bench.promql;

import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.promql.engine.QueryResult;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Latency of the {@link BenchQuery} range queries on the RocksDB TSDB holding {@link QueryBenchData} (20,000 series x 6
 * h at 15 s): parse, select, read and decode chunks, evaluate. The TSDB is built once into {@code dataDir} (default: a
 * directory under {@code java.io.tmpdir} named after the data version) and reopened by later forks, so it is read from
 * RocksDB as persisted data, like Prometheus's blocks.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PromqlQueryBenchmark -f 1 -wi 3 -i 5} (one query: {@code -p
 * query=SUM_RATE}); {@code bench/e2e-promql.sh} runs it and the same queries on Prometheus and prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PromqlQueryBenchmark {
    private static final String MARKER = "vigil-promql-bench-data";

    @Param
    public BenchQuery query;

    /** Where the TSDB is kept between forks and runs; empty for the default under {@code java.io.tmpdir}. */
    @Param("")
    public String dataDir;

    private Tsdb tsdb;
    private Engine engine;

    @Setup(Level.Trial)
    public void open() throws Exception {
        tsdb = openLoaded(dataDir.isEmpty() ? defaultDataDir() : Path.of(dataDir));
        // The default 2m timeout; max samples high enough for the heaviest query, as a server would be configured.
        engine = new Engine(tsdb, EngineOptions.DEFAULT.withTimeout(Duration.ofMinutes(2)));
    }

    @Benchmark
    public QueryResult rangeQuery() {
        return engine.rangeQuery(query.promql(), query.start(), query.end(), query.stepMs());
    }

    @TearDown(Level.Trial)
    public void close() {
        tsdb.close();
    }

    static Path defaultDataDir() {
        return Path.of(
                System.getProperty("java.io.tmpdir"),
                "vigil-promql-bench-" + Integer.toHexString(QueryBenchData.VERSION.hashCode()));
    }

    /** Opens the TSDB in {@code dir}, first building it there unless a complete copy of this data version exists. */
    static Tsdb openLoaded(Path dir) throws Exception {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).equals(QueryBenchData.VERSION)) {
            return Tsdb.open(TsdbOptions.of(dir.resolve("tsdb")));
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        try (Tsdb fresh = Tsdb.open(TsdbOptions.of(dir.resolve("tsdb")))) {
            QueryBenchData.load(fresh);
        }
        Files.writeString(marker, QueryBenchData.VERSION, StandardCharsets.UTF_8);
        System.out.printf(
                "%nloaded %d series x %d samples into %s in %.1f s%n",
                QueryBenchData.SERIES, QueryBenchData.SAMPLES_PER_SERIES, dir, (System.nanoTime() - t0) / 1e9);
        return Tsdb.open(TsdbOptions.of(dir.resolve("tsdb")));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
