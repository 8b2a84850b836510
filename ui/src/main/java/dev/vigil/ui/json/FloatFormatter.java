package dev.vigil.ui.json;

/**
 * Formats doubles exactly as Prometheus's Go code prints them, into a reusable buffer, without allocating on common
 * values. {@link Style} names the four forms the HTTP API uses.
 *
 * <pre>{@code
 * FloatFormatter f = new FloatFormatter();
 * int n = f.format(0.1 + 0.2, Style.SAMPLE_VALUE);   // f.chars()[0, n) = "0.30000000000000004"
 * String s = FloatFormatter.toString(1e-7, Style.SAMPLE_VALUE); // "1e-07"
 * }</pre>
 *
 * <p>Not thread-safe: one instance per writer.
 */
public final class FloatFormatter {
    /** The forms of Go's {@code strconv.FormatFloat(v, fmt, -1, 64)} the API uses. */
    public enum Style {
        /**
         * Sample values ({@code jsonutil.MarshalFloat}): {@code 'f'}, but {@code 'e'} below 1e-6 and from 1e21 on;
         * {@code NaN}, {@code +Inf}, {@code -Inf}.
         */
        SAMPLE_VALUE,
        /**
         * JSON numbers of float fields (Go's encoding/json and jsoniter): as {@link #SAMPLE_VALUE}, with a one-digit
         * negative exponent shortened ({@code 1e-7}, not {@code 1e-07}).
         */
        JSON_NUMBER,
        /** {@code 'f'}: never an exponent, e.g. number literals in {@code parse_query}. */
        FIXED,
        /** {@code 'e'}: always an exponent, e.g. alert values ({@code 1e+00}). */
        EXPONENT
    }

    private final ShortestDecimal decimal = new ShortestDecimal();
    private char[] out = new char[32];

    /** The buffer the last {@link #format} wrote into, valid until the next call. */
    public char[] chars() {
        return out;
    }

    /** Writes {@code v} in {@code style} into {@link #chars()}; returns the length. */
    public int format(double v, Style style) {
        if (Double.isNaN(v)) {
            return put("NaN");
        }
        if (Double.isInfinite(v)) {
            return put(v > 0 ? "+Inf" : "-Inf");
        }
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        double abs = Math.abs(v);
        if (abs == 0) {
            decimal.digits[0] = '0';
            decimal.count = 1;
            decimal.point = 1;
        } else {
            decimal.set(abs);
        }
        boolean exponent =
                switch (style) {
                    case FIXED -> false;
                    case EXPONENT -> true;
                    case SAMPLE_VALUE, JSON_NUMBER -> abs != 0 && (abs < 1e-6 || abs >= 1e21);
                };
        int n = exponent ? writeExponent(negative, style == Style.JSON_NUMBER) : writeFixed(negative);
        return n;
    }

    /** Convenience for code off the hot path. */
    public static String toString(double v, Style style) {
        FloatFormatter f = new FloatFormatter();
        int n = f.format(v, style);
        return new String(f.chars(), 0, n);
    }

    private int put(String s) {
        s.getChars(0, s.length(), out, 0);
        return s.length();
    }

    private void ensure(int capacity) {
        if (out.length < capacity) {
            out = new char[Math.max(capacity, out.length * 2)];
        }
    }

    private int writeFixed(boolean negative) {
        char[] d = decimal.digits;
        int count = decimal.count;
        int point = decimal.point;
        ensure(count + Math.abs(point) + 4);
        int n = 0;
        if (negative) {
            out[n++] = '-';
        }
        if (point <= 0) {
            out[n++] = '0';
            out[n++] = '.';
            for (int i = point; i < 0; i++) {
                out[n++] = '0';
            }
            System.arraycopy(d, 0, out, n, count);
            return n + count;
        }
        if (point >= count) {
            System.arraycopy(d, 0, out, n, count);
            n += count;
            for (int i = count; i < point; i++) {
                out[n++] = '0';
            }
            return n;
        }
        System.arraycopy(d, 0, out, n, point);
        n += point;
        out[n++] = '.';
        System.arraycopy(d, point, out, n, count - point);
        return n + count - point;
    }

    private int writeExponent(boolean negative, boolean shortNegativeExponent) {
        char[] d = decimal.digits;
        int count = decimal.count;
        int exp = decimal.point - 1;
        ensure(count + 10);
        int n = 0;
        if (negative) {
            out[n++] = '-';
        }
        out[n++] = d[0];
        if (count > 1) {
            out[n++] = '.';
            System.arraycopy(d, 1, out, n, count - 1);
            n += count - 1;
        }
        out[n++] = 'e';
        out[n++] = exp < 0 ? '-' : '+';
        int abs = Math.abs(exp);
        if (abs < 10 && !(shortNegativeExponent && exp < 0)) {
            out[n++] = '0';
        }
        if (abs >= 100) {
            out[n++] = (char) ('0' + abs / 100);
        }
        if (abs >= 10) {
            out[n++] = (char) ('0' + abs / 10 % 10);
        }
        out[n++] = (char) ('0' + abs % 10);
        return n;
    }
}
