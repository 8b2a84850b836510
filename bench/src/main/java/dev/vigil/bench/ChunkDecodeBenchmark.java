package dev.vigil.bench;

import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.ChunkIterator;
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

/**
 * Decode-and-iterate throughput in samples per second over 100 chunks of 120 samples, from in-memory chunks (the head
 * path, no allocation) and from serialized bytes (the stored path, one word array per chunk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ChunkDecodeBenchmark {
    static final int CHUNKS = 100;

    @Param({"COUNTER", "GAUGE", "HISTOGRAM", "MIX"})
    public Workloads.Kind kind;

    @Param({"adaptive", "xor"})
    public String encoding;

    private Chunk[] chunks;
    private byte[][] serialized;
    private ChunkIterator reuse;

    @Setup(Level.Trial)
    public void setUp() {
        long[][] times = Workloads.timestamps(CHUNKS, 1);
        double[][] values = Workloads.values(kind, CHUNKS, 2);
        chunks = new Chunk[CHUNKS];
        serialized = new byte[CHUNKS][];
        for (int c = 0; c < CHUNKS; c++) {
            chunks[c] = encoding.equals("adaptive") ? Chunk.create() : Chunk.xorOnly();
            for (int i = 0; i < times[c].length; i++) {
                chunks[c].append(times[c][i], values[c][i]);
            }
            serialized[c] = chunks[c].toBytes();
        }
        reuse = chunks[0].iterator(null);
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS * Workloads.SAMPLES_PER_CHUNK)
    public double iterateHead() {
        double sum = 0;
        long tsum = 0;
        for (Chunk chunk : chunks) {
            ChunkIterator it = chunk.iterator(reuse);
            while (it.next()) {
                tsum += it.timestamp();
                sum += it.value();
            }
        }
        return sum + tsum;
    }

    @Benchmark
    @OperationsPerInvocation(CHUNKS * Workloads.SAMPLES_PER_CHUNK)
    public double iterateSerialized() {
        double sum = 0;
        long tsum = 0;
        for (byte[] bytes : serialized) {
            ChunkIterator it = Chunk.iterator(bytes, reuse);
            while (it.next()) {
                tsum += it.timestamp();
                sum += it.value();
            }
        }
        return sum + tsum;
    }
}
