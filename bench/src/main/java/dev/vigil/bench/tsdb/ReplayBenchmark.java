package dev.vigil.bench.tsdb;

import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Time to open a database. {@code crash}: after a writer with {@code series} series died mid-run (replay of the
 * open-chunk snapshots and the WAL tail). {@code idle}: after a clean shutdown with all series persisted and idle
 * (what keeping postings in the index family saves: nothing is rebuilt). Counters report what was replayed; the heap
 * the open took per series is printed after each open. The fixture is written once per trial by a child JVM ({@link ReplayFixture}).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ReplayBenchmark -p series=1000000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ReplayBenchmark {
    @Param({"100000", "1000000"})
    public int series;

    @Param({"crash", "idle"})
    public String state;

    /** Figures of the last open. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public double seriesInMemory;
        public double samplesReplayed;
    }

    private Path fixture;
    private Path dir;
    private Tsdb tsdb;
    private long heapBefore;

    @Setup(Level.Trial)
    public void writeFixture() throws Exception {
        fixture = BenchDirs.create("vigil-bench-replay-fixture");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx8g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReplayFixture.class.getName(),
                        fixture.toString(),
                        Integer.toString(series),
                        "30",
                        state)
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (child.waitFor() != 0 || !output.contains("written")) {
            throw new IllegalStateException("fixture failed: " + output);
        }
    }

    @Setup(Level.Invocation)
    public void copyFixture() {
        dir = BenchDirs.create("vigil-bench-replay");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(fixture.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        heapBefore = BenchDirs.usedHeap();
    }

    @Benchmark
    public void open(Figures figures) {
        tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
        figures.seriesInMemory = tsdb.seriesCount();
        figures.samplesReplayed = tsdb.recoveryReport().samplesReplayed();
    }

    @TearDown(Level.Invocation)
    public void close() {
        if (tsdb != null) {
            long heap = BenchDirs.usedHeap() - heapBefore;
            System.out.printf(
                    "%n  open of %d series (%s): %d in memory, heap after open %.0f bytes per series%n",
                    series, state, tsdb.seriesCount(), heap / (double) series);
            tsdb.close();
            tsdb = null;
        }
        BenchDirs.delete(dir);
    }

    @TearDown(Level.Trial)
    public void deleteFixture() {
        BenchDirs.delete(fixture);
    }
}
