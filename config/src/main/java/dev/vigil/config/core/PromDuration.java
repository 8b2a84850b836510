package dev.vigil.config.core;

import java.time.Duration;

/**
 * A duration in Prometheus's notation: units {@code y w d h m s ms} in that order, each at most once, with
 * non-negative integer amounts, e.g. {@code 1h30m}, {@code 15s}, {@code 2w}; the bare {@code 0} is allowed. A year is
 * 365 days and a week 7 days. Millisecond precision.
 *
 * <p>Values are limited to what Prometheus itself accepts (about 292 years, the range of Go's nanosecond durations),
 * so a file Vigil accepts is accepted by Prometheus too. {@link #toString()} prints the canonical form Prometheus
 * prints, so {@code parse(d.toString()).equals(d)} always holds. Immutable and thread-safe.
 *
 * @param millis the length in milliseconds, never negative
 */
public record PromDuration(long millis) implements Comparable<PromDuration> {
    public static final PromDuration ZERO = new PromDuration(0);

    private static final long MS_PER_SECOND = 1000;
    private static final long MS_PER_MINUTE = 60 * MS_PER_SECOND;
    private static final long MS_PER_HOUR = 60 * MS_PER_MINUTE;
    private static final long MS_PER_DAY = 24 * MS_PER_HOUR;
    private static final long MS_PER_WEEK = 7 * MS_PER_DAY;
    private static final long MS_PER_YEAR = 365 * MS_PER_DAY;
    /** Go's time.Duration counts nanoseconds in an int64. */
    static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        MS_PER_YEAR, MS_PER_WEEK, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, 1
    };

    public PromDuration {
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("duration out of range: " + millis + "ms");
        }
    }

    public static PromDuration ofMillis(long millis) {
        return new PromDuration(millis);
    }

    public static PromDuration ofSeconds(long seconds) {
        return new PromDuration(Math.multiplyExact(seconds, MS_PER_SECOND));
    }

    public static PromDuration ofMinutes(long minutes) {
        return new PromDuration(Math.multiplyExact(minutes, MS_PER_MINUTE));
    }

    /**
     * Parses Prometheus's notation.
     *
     * @throws IllegalArgumentException with a message that says what is wrong with {@code text}
     */
    public static PromDuration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        if (text.equals("0")) {
            return ZERO;
        }
        long total = 0;
        int pos = 0;
        int nextUnit = 0;
        while (pos < text.length()) {
            int digitsStart = pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == digitsStart) {
                throw invalid(text, "expected a number at position " + (pos + 1));
            }
            String digits = text.substring(digitsStart, pos);
            int unitStart = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            String unit = text.substring(unitStart, pos);
            if (unit.isEmpty()) {
                throw invalid(text, "missing unit after " + digits + " (one of y, w, d, h, m, s, ms)");
            }
            int unitIndex = indexOfUnit(unit);
            if (unitIndex < 0) {
                throw invalid(text, "unknown unit \"" + unit + "\" (one of y, w, d, h, m, s, ms)");
            }
            if (unitIndex < nextUnit) {
                throw invalid(text, "units must appear at most once, in the order y, w, d, h, m, s, ms");
            }
            nextUnit = unitIndex + 1;
            total = addUnit(text, total, digits, UNIT_MILLIS[unitIndex]);
        }
        return new PromDuration(total);
    }

    private static long addUnit(String text, long total, String digits, long unitMillis) {
        try {
            long amount = Long.parseLong(digits);
            long sum = Math.addExact(total, Math.multiplyExact(amount, unitMillis));
            if (sum > MAX_MILLIS) {
                throw new ArithmeticException();
            }
            return sum;
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(text, "duration out of range (at most about 292 years)");
        }
    }

    private static int indexOfUnit(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("not a valid duration string: \"" + text + "\": " + why);
    }

    public Duration toDuration() {
        return Duration.ofMillis(millis);
    }

    public boolean isZero() {
        return millis == 0;
    }

    @Override
    public int compareTo(PromDuration other) {
        return Long.compare(millis, other.millis);
    }

    /**
     * The canonical form Prometheus prints: {@code 0s} for zero; years and weeks only when they divide the value
     * exactly (so 90 days prints as {@code 90d}, not {@code 12w6d}); then days, hours, minutes, seconds and
     * milliseconds, leaving out zero amounts.
     */
    @Override
    public String toString() {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNITS.length; i++) {
            long unit = UNIT_MILLIS[i];
            boolean onlyIfExact = i < 2;
            if (onlyIfExact && rest % unit != 0) {
                continue;
            }
            long amount = rest / unit;
            if (amount > 0) {
                out.append(amount).append(UNITS[i]);
                rest -= amount * unit;
            }
        }
        return out.toString();
    }
}
