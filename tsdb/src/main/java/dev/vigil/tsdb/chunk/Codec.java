package dev.vigil.tsdb.chunk;

/**
 * The bit-level codes shared by {@link Chunk} (encoder) and {@link ChunkIterator} (decoder).
 *
 * <p>Timestamp delta-of-delta, bucketed: {@code 0} → 0; {@code 10}+5 bits; {@code 110}+14 bits; {@code 1110}+20
 * bits; {@code 1111}+64 bits. The small bucket holds the few milliseconds a late scrape adds. The second sample's
 * delta is coded as a delta-of-delta against a delta of 0.
 *
 * <p>The first integer delta, bucketed: {@code 0} → 0; {@code 10}+4 bits; {@code 110}+10 bits; {@code 1110}+20 bits;
 * {@code 1111}+64 bits.
 *
 * <p>Later integer residuals: adaptive Rice codes. A residual is zigzag-mapped to {@code z}; with parameter {@code k},
 * {@code z >>> k} is written in unary (that many ones and a zero) followed by the low {@code k} bits of {@code z}. The
 * encoder and decoder derive {@code k} from a decaying sum of past {@code z}, so no parameter is stored; a quotient of
 * {@value #ESCAPE} or more is written as {@value #ESCAPE} ones, 6 bits of (bit length - 1) and the bits of {@code z}.
 *
 * <p>XOR value: {@code 0} → same bits; {@code 10} → XOR fits the previous leading/trailing-zero window, followed by
 * its meaningful bits; {@code 11} → 6 bits of leading zeros, 6 bits of (meaningful length - 1), the meaningful bits.
 */
final class Codec {
    static final int[] TIME_BITS = {0, 5, 14, 20, 64};
    static final int[] INT_BITS = {0, 4, 10, 20, 64};
    static final int ESCAPE = 20;

    private Codec() {}

    static boolean fits(long value, int bits) {
        long limit = 1L << (bits - 1);
        return value >= -limit && value < limit;
    }

    /** Writes {@code dod} with the bucket table {@code widths}; returns the number of bits written. */
    static int writeBucketed(BitWriter out, long dod, int[] widths) {
        if (dod == 0) {
            out.writeBit(false);
            return 1;
        }
        for (int bucket = 1; bucket < widths.length - 1; bucket++) {
            if (fits(dod, widths[bucket])) {
                // bucket b is b ones then a zero
                out.write((1L << (bucket + 1)) - 2, bucket + 1);
                out.write(dod, widths[bucket]);
                return bucket + 1 + widths[bucket];
            }
        }
        out.write(0xF, 4);
        out.write(dod, 64);
        return 68;
    }

    static long readBucketed(BitReader in, int[] widths) {
        // One 64-bit window holds the prefix and the payload of every bucket but the last.
        long window = in.peek();
        if (window >= 0) {
            in.skip(1);
            return 0;
        }
        int bucket = Math.min(Long.numberOfLeadingZeros(~window), 4);
        int bits = widths[bucket];
        if (bits == 64) {
            in.skip(4);
            return in.read(64);
        }
        int prefix = bucket + 1;
        in.skip(prefix + bits);
        return (window << prefix) >> (64 - bits);
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    /** The Rice parameter for a decaying sum {@code sum} of past zigzag residuals (about 16 times their mean). */
    static int riceParameter(long sum) {
        return Math.min(62, 64 - Long.numberOfLeadingZeros(sum >>> 5));
    }

    /** The decaying sum after coding {@code z}. */
    static long riceUpdate(long sum, long z) {
        return sum - (sum >>> 4) + Math.min(z, 1L << 40);
    }

    /** Bits a Rice code of {@code z} with parameter {@code k} takes. */
    static int riceCost(long z, int k) {
        long q = z >>> k;
        if (q < ESCAPE) {
            return (int) q + 1 + k;
        }
        return ESCAPE + 6 + bitLength(z);
    }

    static int bitLength(long z) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(z));
    }

    /** Writes the Rice code of {@code z} with parameter {@code k}; returns the bits written. */
    static int writeRice(BitWriter out, long z, int k) {
        long q = z >>> k;
        if (q < ESCAPE) {
            int ones = (int) q;
            // ones, a zero, then k bits: at most 20 + 1 + 62 bits, written in up to two parts
            if (ones + 1 + k <= 64) {
                long code = (((1L << ones) - 1) << 1) << k | (k == 0 ? 0 : z & ((1L << k) - 1));
                out.write(code, ones + 1 + k);
            } else {
                out.write(((1L << ones) - 1) << 1, ones + 1);
                out.write(z, k);
            }
            return ones + 1 + k;
        }
        int length = bitLength(z);
        out.write((1L << ESCAPE) - 1, ESCAPE);
        out.write(length - 1, 6);
        out.write(z, length);
        return ESCAPE + 6 + length;
    }

    /**
     * {@link #readRice(BitReader, int)} for a caller that already peeked: {@code window} holds the next {@code valid}
     * bits of {@code in} (and zeros after them).
     */
    static long readRice(BitReader in, long window, int valid, int k) {
        int ones = Long.numberOfLeadingZeros(~window);
        int prefix = ones + 1;
        if (ones < ESCAPE && prefix + k <= valid) {
            in.skip(prefix + k);
            return ((long) ones << k) | (k == 0 ? 0 : (window << prefix) >>> (64 - k));
        }
        return readRice(in, k);
    }

    static long readRice(BitReader in, int k) {
        long window = in.peek();
        int ones = Long.numberOfLeadingZeros(~window);
        if (ones < ESCAPE) {
            int prefix = ones + 1;
            if (prefix + k <= 64) {
                long low = k == 0 ? 0 : (window << prefix) >>> (64 - k);
                in.skip(prefix + k);
                return ((long) ones << k) | low;
            }
            in.skip(prefix);
            return ((long) ones << k) | in.read(k);
        }
        in.skip(ESCAPE);
        int length = (int) in.read(6) + 1;
        return in.read(length);
    }

    /** Writes {@code v} as an unsigned LEB128 varint into {@code out} at {@code pos}; returns the new position. */
    static int putVarint(byte[] out, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    /** Reads a varint at {@code pos[0]}, advancing it. */
    static long getVarint(byte[] in, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes in chunk header");
    }
}
