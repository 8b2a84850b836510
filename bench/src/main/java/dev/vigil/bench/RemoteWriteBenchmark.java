package dev.vigil.bench;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import dev.vigil.ui.remote.ReceivedMetadata;
import dev.vigil.ui.remote.RemoteWriteReceiver;
import dev.vigil.ui.remote.Snappy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Samples per second through the remote write receiver's decoding (snappy block, protobuf walk, label building) for a
 * request shaped like Prometheus's default batch: 2,000 samples, one per series, six labels each. The storage is a
 * no-op, so the figure is the receiver's own cost; run with {@code -prof gc} to see the allocation per sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RemoteWriteBenchmark {
    static final int SAMPLES = 2_000;

    private byte[] body;
    private RemoteWriteReceiver receiver;

    @Setup
    public void setUp() {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        long t = System.currentTimeMillis();
        for (int i = 0; i < SAMPLES; i++) {
            ByteArrayOutputStream series = new ByteArrayOutputStream();
            String[] labels = {
                "__name__",
                "http_requests_total",
                "job",
                "api",
                "instance",
                "10.0.0." + (i % 250) + ":8080",
                "code",
                "200",
                "handler",
                "/api/v1/items/" + (i / 250),
                "method",
                "GET"
            };
            for (int k = 0; k < labels.length; k += 2) {
                field(series, 1, concat(string(1, labels[k]), string(2, labels[k + 1])));
            }
            field(series, 2, sample(i * 1.5, t));
            field(request, 1, series.toByteArray());
        }
        byte[] message = request.toByteArray();
        body = Snappy.encode(message, 0, message.length);
        Appendable discard = () -> new Appender() {
            @Override
            public long append(long ref, Labels labels, long ts, double v) {
                return 1;
            }

            @Override
            public void commit() {}

            @Override
            public void rollback() {}
        };
        receiver = new RemoteWriteReceiver(
                () -> discard, new ReceivedMetadata(10), Clock.systemUTC(), 64 << 20, new MetricRegistry());
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public RemoteWriteReceiver.Outcome receive() {
        return receiver.receive(body, 0, body.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] payload) {
        varint(out, (long) number << 3 | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
    }

    private static byte[] string(int number, String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, number, s.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] sample(double value, long t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 1 << 3 | 1);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
        varint(out, 2 << 3);
        varint(out, t);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
