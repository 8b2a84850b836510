package dev.vigil.tsdb.chunk;

/**
 * Maps values to integers losslessly when they are integers with a common power-of-two factor (byte counts in pages)
 * or decimals with few digits (a temperature of 21.5, CPU seconds in hundredths): {@code v = (m << shift)} or {@code v
 * = m / 10^decimals}. Decoding divides exactly as the check here does, so every value comes back bit for bit.
 */
final class Scale {
    /** Most decimals tried; more digits than this are not worth an integer coding. */
    static final int MAX_DECIMALS = 6;

    /** Sentinel: the value has no integer form with these parameters. */
    static final long NONE = Long.MIN_VALUE;

    private static final double LIMIT = 0x1p53;
    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    private Scale() {}

    /** The integer for {@code v} with these parameters, or {@link #NONE}. */
    static long scaled(double v, int decimals, int shift) {
        if (decimals == 0) {
            if (!(Math.abs(v) < LIMIT) || v != Math.rint(v)) {
                return NONE;
            }
            long n = (long) v;
            if (n == 0 && Double.doubleToRawLongBits(v) != 0) {
                return NONE; // -0.0
            }
            return shift == 0 ? n : (Long.numberOfTrailingZeros(n) >= shift ? n >> shift : NONE);
        }
        double x = v * POW10[decimals];
        if (!(Math.abs(x) < LIMIT)) {
            return NONE;
        }
        long m = (long) Math.rint(x);
        return Double.doubleToRawLongBits(value(m, decimals, 0)) == Double.doubleToRawLongBits(v) ? m : NONE;
    }

    /** The value of integer {@code m}. */
    static double value(long m, int decimals, int shift) {
        return decimals == 0 ? (double) (m << shift) : m / POW10[decimals];
    }

    /** The fewest decimals {@code v} needs, or -1 when it has no integer form. */
    static int decimalsOf(double v) {
        for (int d = 0; d <= MAX_DECIMALS; d++) {
            if (scaled(v, d, 0) != NONE) {
                return d;
            }
        }
        return -1;
    }

    /** The power-of-two factor of an integer value's scaled form (0 for 0 and for decimals). */
    static int shiftOf(double v, int decimals) {
        if (decimals != 0 || v == 0) {
            return 63;
        }
        return Math.min(62, Long.numberOfTrailingZeros((long) v));
    }
}
