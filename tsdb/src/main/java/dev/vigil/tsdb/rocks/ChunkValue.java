package dev.vigil.tsdb.rocks;

import java.util.Arrays;

/**
 * The value of a chunks-family entry: the chunk's time span (max time minus the min time of the key, as a varint, so
 * readers can skip chunks without decoding them) followed by the chunk bytes.
 */
final class ChunkValue {
    private ChunkValue() {}

    static byte[] encode(long minT, long maxT, byte[] chunk) {
        long span = maxT - minT;
        int prefix = varintSize(span);
        byte[] out = new byte[prefix + chunk.length];
        int pos = 0;
        long v = span;
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        System.arraycopy(chunk, 0, out, pos, chunk.length);
        return out;
    }

    static long maxTime(byte[] value, long minT) {
        long span = 0;
        for (int i = 0, shift = 0; i < value.length; i++, shift += 7) {
            span |= (long) (value[i] & 0x7F) << shift;
            if (value[i] >= 0) {
                return minT + span;
            }
        }
        throw new IllegalArgumentException("chunk value without a complete time span");
    }

    static byte[] chunk(byte[] value) {
        int i = 0;
        while (value[i] < 0) {
            i++;
        }
        return Arrays.copyOfRange(value, i + 1, value.length);
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }
}
