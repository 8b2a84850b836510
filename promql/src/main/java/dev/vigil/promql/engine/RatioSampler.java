package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.ast.GoStrings;
import java.util.Arrays;

/**
 * Decides, as Prometheus does, whether {@code limit_ratio} keeps a series: the series' position in {@code [0, 1]} is
 * its label set's hash over the hash space, and a positive ratio keeps the series below {@code ratio}, a negative one
 * those at or above {@code 1 + ratio}, so that {@code limit_ratio(r, x)} and {@code limit_ratio(-(1 - r), x)} split the
 * series into complementary sets.
 *
 * <p>The hash is Prometheus's {@code labels.Hash()}: XXH64 over each label's name, a {@code 0xff} byte, its value and
 * another {@code 0xff}, in label order. The same series is thus kept by both engines. One instance per query; not
 * thread-safe (it reuses a byte buffer).
 */
final class RatioSampler {
    private static final byte SEPARATOR = (byte) 0xff;
    private static final double TWO_TO_64 = 0x1.0p64;

    private byte[] buffer = new byte[256];

    boolean keep(Labels labels, double ratio) {
        double position = unsignedToDouble(hash(labels)) / TWO_TO_64;
        return ratio >= 0 ? position < ratio : position >= 1 + ratio;
    }

    /** Prometheus's {@code labels.Hash()} of {@code labels}. */
    long hash(Labels labels) {
        int p = 0;
        for (int i = 0; i < labels.size(); i++) {
            p = append(labels.name(i), p);
            p = append(labels.value(i), p);
        }
        return XxHash64.hash(buffer, 0, p);
    }

    private int append(String s, int p) {
        int next = GoStrings.encodeUtf8(s, buffer, p);
        if (next < 0) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, p - next + 1));
            next = GoStrings.encodeUtf8(s, buffer, p);
        }
        if (next == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[next] = SEPARATOR;
        return next + 1;
    }

    /** Go's {@code float64(uint64)}: the unsigned value rounded to the nearest double. */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return v;
        }
        // Halve without losing the rounding bit, convert, double: the usual exact unsigned conversion.
        return (double) ((v >>> 1) | (v & 1)) * 2.0;
    }
}
