package dev.vigil.bench;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Series;
import dev.vigil.ui.json.ApiJson;
import dev.vigil.ui.json.QueryResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * JSON encoding of a range query result as {@code /api/v1/query_range} streams it: samples per second, and with
 * {@code -prof gc} the bytes allocated per sample. 100 series of 1,000 points per invocation.
 *
 * <pre>java -jar bench/target/benchmarks.jar QueryJsonBenchmark -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class QueryJsonBenchmark {
    static final int SERIES = 100;
    static final int POINTS = 1_000;

    /** Integer counters, rates with repeating decimals (1/60 and the like), or random doubles of any magnitude. */
    @Param({"INTEGERS", "RATES", "RANDOM"})
    public String values;

    private Matrix matrix;

    private static final OutputStream DISCARD = new OutputStream() {
        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    };

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        List<Series> series = new ArrayList<>(SERIES);
        for (int s = 0; s < SERIES; s++) {
            long[] t = new long[POINTS];
            double[] v = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                t[i] = 1_700_000_000_000L + i * 15_000L;
                v[i] = switch (values) {
                    case "INTEGERS" -> (double) (s * 100_000L + i * 17L);
                    case "RATES" -> random.nextInt(1, 100_000) / 60.0;
                    default -> Double.longBitsToDouble(random.nextLong() >>> 2);
                };
            }
            Labels labels =
                    Labels.of("__name__", "http_requests_total", "instance", "host-" + s + ":9100", "job", "node");
            series.add(new Series(labels, t, v, 0, POINTS, false));
        }
        matrix = new Matrix(series, 0, 0);
    }

    @Benchmark
    @OperationsPerInvocation(SERIES * POINTS)
    public void matrixToJson() throws IOException {
        try (ApiJson json = ApiJson.to(DISCARD)) {
            QueryResultJson.write(json, matrix, 0, 0);
        }
    }
}
