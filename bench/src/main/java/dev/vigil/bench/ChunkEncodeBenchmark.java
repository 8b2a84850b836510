package dev.vigil.bench;

import dev.vigil.tsdb.chunk.Chunk;
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
import org.openjdk.jmh.annotations.Warmup;

/** Encode throughput in samples per second: 100 chunks of 120 samples per invocation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ChunkEncodeBenchmark {
    static final int CHUNKS = 100;

    @Param({"COUNTER", "GAUGE", "HISTOGRAM", "MIX"})
    public Workloads.Kind kind;

    @Param({"adaptive", "xor"})
    public String encoding;

    private long[][] times;
    private double[][] values;

    @Setup(Level.Trial)
    public void setUp() {
        times = Workloads.timestamps(CHUNKS, 1);
        values = Workloads.values(kind, CHUNKS, 2);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS * Workloads.SAMPLES_PER_CHUNK)
    public long encode() {
        boolean adaptive = encoding.equals("adaptive");
        long bytes = 0;
        for (int c = 0; c < CHUNKS; c++) {
            Chunk chunk = adaptive ? Chunk.create() : Chunk.xorOnly();
            long[] t = times[c];
            double[] v = values[c];
            for (int i = 0; i < t.length; i++) {
                chunk.append(t[i], v[i]);
            }
            bytes += chunk.sizeBytes();
        }
        return bytes;
    }
}
