package dev.vigil.model.textparse;

import java.math.BigInteger;

/**
 * Correctly rounded decimal-to-double conversion for a 64-bit decimal mantissa without allocating
 * (Eisel and Lemire, "Number Parsing at a Gigabyte per Second", 2021). It declines (returns
 * {@link #DECLINED}) in the rare half-way or out-of-range cases, which the caller then hands to
 * {@link Double#parseDouble}.
 */
final class EiselLemire {
    static final long DECLINED = -1L; // never a valid result: it is a NaN pattern

    private static final int MIN_EXP10 = -348;
    private static final int MAX_EXP10 = 347;
    /** Per power of ten: high and low 64 bits of its 128-bit mantissa, rounded down. */
    private static final long[] POWERS = new long[2 * (MAX_EXP10 - MIN_EXP10 + 1)];

    static {
        BigInteger ten = BigInteger.TEN;
        for (int e = MIN_EXP10; e <= MAX_EXP10; e++) {
            BigInteger m;
            if (e >= 0) {
                m = ten.pow(e);
                int shift = 128 - m.bitLength();
                m = shift >= 0 ? m.shiftLeft(shift) : m.shiftRight(-shift);
            } else {
                BigInteger divisor = ten.pow(-e);
                m = BigInteger.ONE.shiftLeft(128 + divisor.bitLength()).divide(divisor);
                m = m.shiftRight(m.bitLength() - 128);
            }
            int k = 2 * (e - MIN_EXP10);
            POWERS[k] = m.shiftRight(64).longValue();
            POWERS[k + 1] = m.longValue();
        }
    }

    private EiselLemire() {}

    /**
     * The bits of the double nearest to {@code mantissa × 10^exp10} ({@code mantissa} unsigned,
     * non-zero, sign not applied), or {@link #DECLINED}.
     */
    static long toDoubleBits(long mantissa, int exp10) {
        if (exp10 < MIN_EXP10 || exp10 > MAX_EXP10) {
            return DECLINED;
        }
        int clz = Long.numberOfLeadingZeros(mantissa);
        long man = mantissa << clz;
        long exp2 = ((217706L * exp10) >> 16) + 64 + 1023 - clz;
        int k = 2 * (exp10 - MIN_EXP10);
        long powHi = POWERS[k];
        long powLo = POWERS[k + 1];

        long xHi = unsignedMultiplyHigh(man, powHi);
        long xLo = man * powHi;
        if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
            long yHi = unsignedMultiplyHigh(man, powLo);
            long yLo = man * powLo;
            long mergedHi = xHi;
            long mergedLo = xLo + yHi;
            if (Long.compareUnsigned(mergedLo, xLo) < 0) {
                mergedHi++;
            }
            if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && Long.compareUnsigned(yLo + man, man) < 0) {
                return DECLINED;
            }
            xHi = mergedHi;
            xLo = mergedLo;
        }
        long msb = xHi >>> 63;
        long retMantissa = xHi >>> (msb + 9);
        exp2 -= 1 ^ msb;
        if (xLo == 0 && (xHi & 0x1FF) == 0 && (retMantissa & 3) == 1) {
            return DECLINED;
        }
        retMantissa += retMantissa & 1;
        retMantissa >>>= 1;
        if ((retMantissa >>> 53) > 0) {
            retMantissa >>>= 1;
            exp2 += 1;
        }
        if (exp2 <= 0 || exp2 >= 0x7FF) {
            return DECLINED; // subnormal or overflow: let the JDK decide
        }
        return (exp2 << 52) | (retMantissa & 0x000FFFFFFFFFFFFFL);
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
