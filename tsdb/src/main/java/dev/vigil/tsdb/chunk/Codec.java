package dev.vigil.tsdb.chunk;

/**
 * The bucket layouts shared by {@link Chunk} (encoder) and {@link ChunkIterator} (decoder).
 *
 * <p>Timestamp delta-of-delta: {@code 0} → 0; {@code 10}+14 bits; {@code 110}+17 bits; {@code 1110}+20 bits;
 * {@code 1111}+64 bits. The second sample's delta is coded as a delta-of-delta against a delta of 0.
 *
 * <p>Integer value delta-of-delta: {@code 0} → 0; {@code 10}+4 bits; {@code 110}+10 bits; {@code 1110}+20 bits;
 * {@code 1111}+64 bits.
 *
 * <p>XOR value: {@code 0} → same bits; {@code 10} → XOR fits the previous leading/trailing-zero window, followed by
 * its meaningful bits; {@code 11} → 6 bits of leading zeros, 6 bits of (meaningful length - 1), the meaningful bits.
 */
final class Codec {
    static final int[] TIME_BITS = {0, 14, 17, 20, 64};
    static final int[] INT_BITS = {0, 4, 10, 20, 64};

    /** Largest integer magnitude the integer encoding accepts; larger values lose nothing in XOR. */
    static final double MAX_EXACT_INTEGER = 1L << 53;

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

    /** True when {@code v} can be stored exactly by the integer encoding. Negative zero is not. */
    static boolean isExactInteger(double v) {
        return v == (long) v && Math.abs(v) < MAX_EXACT_INTEGER && (v != 0 || Double.doubleToRawLongBits(v) == 0);
    }
}
