package dev.vigil.ui.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds protobuf bytes for tests field by field, independently of the production writer, so decoding tests do not
 * check the code against itself.
 */
final class TestProto {
    private TestProto() {}

    static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] varintField(int field, long v) {
        return cat(varint((long) field << 3), varint(v));
    }

    static byte[] doubleField(int field, double v) {
        long bits = Double.doubleToRawLongBits(v);
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (bits >>> (8 * i));
        }
        return cat(varint((long) field << 3 | 1), b);
    }

    static byte[] bytesField(int field, byte[] payload) {
        return cat(varint((long) field << 3 | 2), varint(payload.length), payload);
    }

    static byte[] stringField(int field, String s) {
        return bytesField(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code prometheus.Label}. */
    static byte[] label(String name, String value) {
        return cat(stringField(1, name), stringField(2, value));
    }

    /** A {@code prometheus.Sample}. */
    static byte[] sample(double value, long timestamp) {
        return cat(doubleField(1, value), varintField(2, timestamp));
    }

    /** A {@code prometheus.TimeSeries} from alternating label names and values, then samples. */
    static byte[] series(String[] labels, byte[]... samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < labels.length; i += 2) {
            out.writeBytes(bytesField(1, label(labels[i], labels[i + 1])));
        }
        for (byte[] s : samples) {
            out.writeBytes(bytesField(2, s));
        }
        return out.toByteArray();
    }

    /** A {@code prometheus.WriteRequest} of time series messages. */
    static byte[] writeRequest(byte[]... series) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] s : series) {
            out.writeBytes(bytesField(1, s));
        }
        return out.toByteArray();
    }

    /** A snappy block holding {@code data} as literals only: valid, and independent of the production encoder. */
    static byte[] snappyLiteral(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(varint(data.length));
        for (int off = 0; off < data.length; off += 60) {
            int n = Math.min(60, data.length - off);
            out.write((n - 1) << 2);
            out.write(data, off, n);
        }
        return out.toByteArray();
    }

    static String[] labels(String... nameValues) {
        return nameValues;
    }
}
