package dev.vigil.ui.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * The shortest decimal that reads back as a given double, and of those the closest: the digits Go's {@code
 * strconv.FormatFloat(f, fmt, -1, 64)} prints. Held as {@code 0.d1d2...dn × 10^point}.
 *
 * <p>Most values take an allocation-free path. Integers below 2^53 are their own digits. Otherwise, for {@code k = 1,
 * 2, ...} fractional digits, the exact product {@code v × 10^k} (a two-product with {@link Math#fma}) gives the
 * nearest {@code k}-digit decimal; the first {@code k} at which it lies inside the interval of reals that round to
 * {@code v} gives the shortest digits, and being the nearest, the closest of them. Values this cannot settle (very
 * large or tiny magnitudes, decimals within a hair of a rounding boundary or exactly halfway) go through the
 * Schubfach algorithm of jackson-core, corrected where Java's rule of at least two digits differs from Go's.
 *
 * <p>Not thread-safe: a reusable scratch object.
 */
final class ShortestDecimal {
    private static final double TWO_POW_53 = 0x1p53;
    private static final double TWO_POW_62 = 0x1p62;

    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Digits without trailing zeros; {@code count} of them are valid. */
    final char[] digits = new char[32];

    int count;
    /** Position of the decimal point: the value is {@code 0.digits × 10^point}. */
    int point;

    /** Sets this to the shortest decimal of {@code abs}, which must be finite and positive. */
    void set(double abs) {
        if (abs >= TWO_POW_53) {
            // Integers with more digits than the double holds: the shortest form has fewer digits than the value.
            setFromSchubfach(abs);
            return;
        }
        if (abs == Math.rint(abs)) {
            setInteger((long) abs, 0);
            return;
        }
        // Below 2^53 a non-integer is not within half a gap of any integer, so the shortest form has a fraction.
        // Half the gaps to the neighbouring doubles: decimals closer than these read back as abs.
        double halfGapUp = Math.ulp(abs) / 2;
        double halfGapDown = (abs - Math.nextDown(abs)) / 2;
        for (int k = 1; k < POW10.length; k++) {
            double p = POW10[k];
            double hi = abs * p;
            if (hi >= TWO_POW_62) {
                break;
            }
            // abs × p == hi + lo exactly: p is exact for k <= 22.
            double lo = Math.fma(abs, p, -hi);
            double whole = Math.rint(hi);
            double fraction = (hi - whole) + lo;
            double step = Math.rint(fraction);
            double offset = step - fraction; // nearest k-digit decimal minus abs × p, in units of 10^-k
            // Gaps times p are exact: a power of two times 10^k with 5^k < 2^53.
            double half = (offset > 0 ? halfGapUp : halfGapDown) * p;
            // Only the sum forming fraction rounds (hi - whole, lo and step - fraction are exact), by at most half
            // an ulp of fraction.
            double margin = 2 * Math.ulp(fraction);
            boolean halfway = Math.abs(Math.abs(offset) - 0.5) <= margin;
            if ((halfway && half >= 0.5 - margin) || Math.abs(Math.abs(offset) - half) <= margin) {
                // Two decimals may read back (halfway), or the nearest sits on the rounding boundary.
                break;
            }
            if (Math.abs(offset) < half) {
                setInteger((long) whole + (long) step, k);
                return;
            }
        }
        setFromSchubfach(abs);
    }

    /** {@code m × 10^-k}, {@code m > 0}. */
    private void setInteger(long m, int k) {
        int n = 1;
        for (long rest = m / 10; rest > 0; rest /= 10) {
            n++;
        }
        for (int i = n - 1; i >= 0; i--) {
            digits[i] = (char) ('0' + (int) (m % 10));
            m /= 10;
        }
        count = n;
        point = n - k;
        stripTrailingZeros();
    }

    private void stripTrailingZeros() {
        while (count > 1 && digits[count - 1] == '0') {
            count--;
        }
    }

    private void setFromSchubfach(double abs) {
        parseJavaFormat(NumberOutput.toString(abs, true));
        if (count == 2) {
            preferOneDigit(abs);
        }
    }

    /** Reads Java's {@code Double.toString} forms: {@code 123.45}, {@code 0.00123} and {@code 1.2345E-7}. */
    private void parseJavaFormat(String s) {
        int e = s.indexOf('E');
        int end = e < 0 ? s.length() : e;
        int dot = s.indexOf('.');
        int intLength = dot < 0 || dot > end ? end : dot;
        point = intLength + (e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10));
        count = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                continue;
            }
            if (count == 0 && c == '0') {
                point--;
                continue;
            }
            digits[count++] = c;
        }
        stripTrailingZeros();
    }

    /**
     * Java picks among decimals of length 2 when a length-1 decimal also reads back (e.g. 4.9E-324 for the smallest
     * subnormal); Go keeps the shortest. Tries the one-digit neighbours and takes the closest that reads back.
     */
    private void preferOneDigit(double abs) {
        int first = digits[0] - '0';
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal best = null;
        int bestDigit = 0;
        int bestPoint = 0;
        for (int candidate = first; candidate <= first + 1; candidate++) {
            int d = candidate == 10 ? 1 : candidate;
            int p = candidate == 10 ? point + 1 : point;
            BigDecimal value = BigDecimal.valueOf(d).scaleByPowerOfTen(p - 1);
            if (value.doubleValue() != abs) {
                continue;
            }
            BigDecimal distance = value.subtract(exact).abs();
            if (best == null || distance.compareTo(best) < 0) {
                best = distance;
                bestDigit = d;
                bestPoint = p;
            }
        }
        if (best != null) {
            digits[0] = (char) ('0' + bestDigit);
            count = 1;
            point = bestPoint;
        }
    }
}
