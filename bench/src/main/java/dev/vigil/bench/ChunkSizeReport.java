package dev.vigil.bench;

import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.chunk.Encoding;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints bytes per sample of serialized 120-sample chunks for each workload, adaptive vs XOR-only. Run with {@code
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.ChunkSizeReport}.
 */
public final class ChunkSizeReport {
    private ChunkSizeReport() {}

    public static void main(String[] args) {
        int chunks = 2000;
        System.out.println("workload    adaptive B/sample   xor B/sample   saving   integer-encoded chunks");
        for (Workloads.Kind kind : Workloads.Kind.values()) {
            long[][] times = Workloads.timestamps(chunks, 1);
            double[][] values = Workloads.values(kind, chunks, 2);
            long adaptiveBytes = 0;
            long xorBytes = 0;
            Map<Encoding, Integer> encodings = new EnumMap<>(Encoding.class);
            for (int c = 0; c < chunks; c++) {
                Chunk adaptive = Chunk.create();
                Chunk xor = Chunk.xorOnly();
                for (int i = 0; i < times[c].length; i++) {
                    adaptive.append(times[c][i], values[c][i]);
                    xor.append(times[c][i], values[c][i]);
                }
                adaptiveBytes += adaptive.toBytes().length;
                xorBytes += xor.toBytes().length;
                encodings.merge(adaptive.encoding(), 1, Integer::sum);
            }
            double samples = (double) chunks * Workloads.SAMPLES_PER_CHUNK;
            System.out.printf(
                    Locale.ROOT,
                    "%-10s  %17.3f   %12.3f   %5.1f%%   %d/%d%n",
                    kind,
                    adaptiveBytes / samples,
                    xorBytes / samples,
                    100.0 * (xorBytes - adaptiveBytes) / xorBytes,
                    encodings.getOrDefault(Encoding.INTEGER_DOD, 0),
                    chunks);
        }
    }
}
