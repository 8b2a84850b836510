package dev.vigil.config.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A size in bytes as Prometheus writes it ({@code body_size_limit}, {@code retention.size}): one or more
 * {@code <number><unit>} parts such as {@code 512MB}, {@code 1.5GiB} or {@code 1GB512MB}, or the bare {@code 0}.
 * Units are powers of 1024 whichever spelling is used: {@code B}, {@code KB MB GB TB PB EB} and {@code KiB MiB GiB
 * TiB PiB EiB} (one spelling per value, as Prometheus's {@code units.Base2Bytes}). A unit is required; fractions are
 * truncated to whole bytes. Negative sizes are rejected. Immutable and thread-safe.
 *
 * @param bytes the size, never negative
 */
public record ByteSize(long bytes) {
    public static final ByteSize ZERO = new ByteSize(0);

    private static final String[] PREFIXES = {"K", "M", "G", "T", "P", "E"};

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + bytes);
        }
    }

    /**
     * Parses a size.
     *
     * @throws IllegalArgumentException naming the problem, e.g. a missing or unknown unit
     */
    public static ByteSize parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty size string");
        }
        if (text.startsWith("-")) {
            throw invalid(text, "size must not be negative");
        }
        String body = text.startsWith("+") ? text.substring(1) : text;
        if (body.equals("0")) {
            return ZERO;
        }
        BigDecimal total = BigDecimal.ZERO;
        Boolean binarySpelling = null;
        int pos = 0;
        while (pos < body.length()) {
            int numberStart = pos;
            while (pos < body.length() && (Character.isDigit(body.charAt(pos)) || body.charAt(pos) == '.')) {
                pos++;
            }
            String number = body.substring(numberStart, pos);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(
                        text, "expected a number at position " + (numberStart + 1 + text.length() - body.length()));
            }
            int unitStart = pos;
            while (pos < body.length() && Character.isLetter(body.charAt(pos))) {
                pos++;
            }
            String unit = body.substring(unitStart, pos);
            if (unit.isEmpty()) {
                throw invalid(text, "a unit is required (B, KB, MB, GB, TB, PB, EB or KiB … EiB)");
            }
            long multiplier = multiplier(text, unit);
            if (!unit.equals("B")) {
                boolean binary = unit.endsWith("iB");
                if (binarySpelling != null && binarySpelling != binary) {
                    throw invalid(text, "do not mix KB-style and KiB-style units in one size");
                }
                binarySpelling = binary;
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(multiplier)));
        }
        BigDecimal whole = total.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text, "size out of range");
        }
        return new ByteSize(whole.longValueExact());
    }

    private static long multiplier(String text, String unit) {
        if (unit.equals("B")) {
            return 1;
        }
        long multiplier = 1;
        for (String prefix : PREFIXES) {
            multiplier *= 1024;
            if (unit.equals(prefix + "B") || unit.equals(prefix + "iB")) {
                return multiplier;
            }
        }
        throw invalid(text, "unknown unit \"" + unit + "\" (B, KB, MB, GB, TB, PB, EB or KiB … EiB)");
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("not a valid size: \"" + text + "\": " + why);
    }

    public boolean isZero() {
        return bytes == 0;
    }

    /**
     * The form Prometheus prints: each power of 1024 with a non-zero amount, largest first, e.g. {@code 512MiB},
     * {@code 1GiB512MiB}, {@code 100B}, {@code 0B}.
     */
    @Override
    public String toString() {
        if (bytes == 0) {
            return "0B";
        }
        StringBuilder out = new StringBuilder();
        long rest = bytes;
        long[] parts = new long[PREFIXES.length + 1];
        for (int i = 0; i <= PREFIXES.length && rest > 0; i++) {
            parts[i] = rest % 1024;
            rest /= 1024;
        }
        for (int i = PREFIXES.length; i >= 0; i--) {
            if (parts[i] != 0) {
                out.append(parts[i]).append(i == 0 ? "B" : PREFIXES[i - 1] + "iB");
            }
        }
        return out.toString();
    }
}
