package dev.vigil.bench.tsdb;

import dev.vigil.bench.Workloads;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The TSDB's hot paths in samples per second of this thread's CPU time: append into existing series (scrapes of 10,000
 * series, each committed), append into new series, and decode+iterate of serialized chunks of the realistic mix.
 * Wall-clock JMH scores swing widely on a shared 2-core machine; thread CPU time is far less sensitive to other
 * processes (RocksDB's background flushes are not counted; the commit's write is).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.vigil.bench.tsdb.TsdbCpuTime}
 */
public final class TsdbCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TsdbCpuTime() {}

    public static void main(String[] args) throws Exception {
        appendExisting();
        appendNew();
        decode();
    }

    private static void appendExisting() throws AppendException {
        Path dir = BenchDirs.create("vigil-cpu-append");
        int series = 10_000;
        Labels[] labels = new Labels[series];
        for (int i = 0; i < series; i++) {
            labels[i] = Labels.of("__name__", "http_requests_total", "instance", "10.0.0." + (i % 250), "id", "s" + i);
        }
        long[] refs = new long[series];
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ofSeconds(1)))) {
            long t = 0;
            double best = 0;
            for (int round = 0; round < 12; round++) {
                long start = THREADS.getCurrentThreadCpuTime();
                int scrapes = 100;
                for (int s = 0; s < scrapes; s++) {
                    Appender app = tsdb.appender();
                    for (int i = 0; i < series; i++) {
                        refs[i] = app.append(refs[i], labels[i], t, t / 1000 + i);
                    }
                    app.commit();
                    t += 15_000;
                }
                double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
                if (round >= 4) {
                    best = Math.max(best, scrapes * (double) series / seconds);
                }
            }
            System.out.printf("append into existing series  %6.2f M samples per CPU-second%n", best / 1e6);
        }
        BenchDirs.delete(dir);
    }

    private static void appendNew() throws AppendException {
        Path dir = BenchDirs.create("vigil-cpu-new");
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ofSeconds(1)))) {
            long n = 0;
            double best = 0;
            for (int round = 0; round < 8; round++) {
                long start = THREADS.getCurrentThreadCpuTime();
                int series = 20_000;
                Appender app = tsdb.appender();
                for (int i = 0; i < series; i++, n++) {
                    app.append(
                            0,
                            Labels.of(
                                    "__name__",
                                    "m",
                                    "instance",
                                    "10.0." + (n / 250 % 250) + "." + (n % 250),
                                    "pod",
                                    "p-" + (n / 50),
                                    "id",
                                    Long.toString(n)),
                            1000,
                            n);
                }
                app.commit();
                double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
                if (round >= 3) {
                    best = Math.max(best, series / seconds);
                }
            }
            System.out.printf("append into new series       %6.3f M series per CPU-second%n", best / 1e6);
        }
        BenchDirs.delete(dir);
    }

    private static void decode() {
        int chunks = 1000;
        long[][] times = Workloads.timestamps(chunks, 1);
        double[][] values = Workloads.values(Workloads.Kind.MIX, chunks, 2);
        byte[][] serialized = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            Chunk chunk = Chunk.create();
            for (int i = 0; i < times[c].length; i++) {
                chunk.append(times[c][i], values[c][i]);
            }
            serialized[c] = chunk.toBytes();
        }
        ChunkIterator reuse = null;
        double best = 0;
        double sink = 0;
        for (int round = 0; round < 30; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            long n = 0;
            for (int r = 0; r < 20; r++) {
                for (byte[] bytes : serialized) {
                    ChunkIterator it = Chunk.iterator(bytes, reuse);
                    reuse = it;
                    while (it.next()) {
                        sink += it.value() + it.timestamp();
                        n++;
                    }
                }
            }
            double seconds = (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
            if (round >= 10) {
                best = Math.max(best, n / seconds);
            }
        }
        System.out.printf(
                "decode+iterate (MIX)         %6.1f M samples per CPU-second (checksum %s)%n", best / 1e6, sink != 0);
    }
}
