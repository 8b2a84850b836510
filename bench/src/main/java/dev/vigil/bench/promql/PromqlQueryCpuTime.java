package dev.vigil.bench.promql;

import com.sun.management.OperatingSystemMXBean;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.tsdb.Tsdb;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The {@link BenchQuery} range queries on the same TSDB as {@link PromqlQueryBenchmark}, measured in CPU time of the
 * whole process (query thread, garbage collector, compiler) per query, besides wall time. On a shared machine wall
 * time mostly measures the other processes; CPU time barely moves with them, and {@code bench/e2e-promql.sh} compares
 * it with the CPU time Prometheus's process spends on the same query.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar dev.vigil.bench.promql.PromqlQueryCpuTime DIR
 * [WARMUP RUNS]}, where DIR is the benchmark's {@code dataDir}. Prints one line per query: name, CPU ms and wall ms
 * per query (means over RUNS), tab-separated.
 */
public final class PromqlQueryCpuTime {
    private PromqlQueryCpuTime() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: PromqlQueryCpuTime DATA_DIR [WARMUP RUNS]");
            System.exit(2);
        }
        int warmup = args.length == 3 ? Integer.parseInt(args[1]) : 10;
        int runs = args.length == 3 ? Integer.parseInt(args[2]) : 20;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Tsdb tsdb = PromqlQueryBenchmark.openLoaded(Path.of(args[0]))) {
            Engine engine = new Engine(tsdb, EngineOptions.DEFAULT);
            long sink = 0;
            for (BenchQuery q : BenchQuery.values()) {
                for (int i = 0; i < warmup; i++) {
                    sink += run(engine, q);
                }
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                for (int i = 0; i < runs; i++) {
                    sink += run(engine, q);
                }
                double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / runs;
                double wallMs = (System.nanoTime() - wall0) / 1e6 / runs;
                System.out.printf("%s\t%.1f\t%.1f%n", q.name(), cpuMs, wallMs);
            }
            if (sink == 42) {
                System.err.println();
            }
        }
    }

    private static long run(Engine engine, BenchQuery q) {
        return engine.rangeQuery(q.promql(), q.start(), q.end(), q.stepMs())
                .stats()
                .samplesProcessed();
    }
}
