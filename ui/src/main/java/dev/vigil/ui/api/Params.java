package dev.vigil.ui.api;

import dev.vigil.config.core.PromDuration;
import dev.vigil.promql.ast.Printer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses the API's times, durations and limits as Prometheus's {@code parseTime}, {@code parseDuration} and {@code
 * parseLimitParam} do, with their error messages. Times are milliseconds since the epoch; durations nanoseconds, like
 * Go's {@code time.Duration}, so that sub-millisecond steps are judged as Prometheus judges them. Stateless.
 */
final class Params {
    /** Prometheus's {@code MinTime}, the default start of optional time ranges. */
    static final long MIN_TIME_MS = -9223309901257974L * 1000;
    /** Prometheus's {@code MaxTime}, the default end of optional time ranges. */
    static final long MAX_TIME_MS = 9223309901257974L * 1000 + 999;

    private static final String MIN_TIME_TEXT = "-292273086-05-16T16:47:06Z";
    private static final String MAX_TIME_TEXT = "292277025-08-18T07:12:54.999999999Z";
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Params() {}

    /**
     * A Unix time in seconds with up to millisecond precision ({@code 1435781451.781}) or an RFC 3339 time
     * ({@code 2015-07-01T20:10:51.781Z}).
     *
     * @throws IllegalArgumentException {@code cannot parse "x" to a valid timestamp}
     */
    static long parseTime(String s) {
        Double seconds = GoStrconv.parseFloat(s);
        if (seconds != null) {
            return secondsToMillis(s, seconds);
        }
        if (RFC3339.matcher(s).matches()) {
            try {
                var t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
                return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1000), t.getNano() / 1_000_000);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw cannotParseTime(s);
            }
        }
        if (s.equals(MIN_TIME_TEXT)) {
            return MIN_TIME_MS;
        }
        if (s.equals(MAX_TIME_TEXT)) {
            return MAX_TIME_MS;
        }
        throw cannotParseTime(s);
    }

    /**
     * Prometheus splits the float into whole seconds and a fraction rounded to milliseconds; this repeats its
     * arithmetic step by step so that every input lands on the same millisecond.
     */
    private static long secondsToMillis(String text, double t) {
        if (Double.isNaN(t) || Double.isInfinite(t) || Math.abs(t) > 9.223372036854775E15) {
            throw cannotParseTime(text);
        }
        double whole = t < 0 ? Math.ceil(t) : Math.floor(t);
        double fraction = goRound((t - whole) * 1000) / 1000;
        long nanos = (long) (fraction * 1e9);
        return (long) whole * 1000 + Math.floorDiv(nanos, 1_000_000);
    }

    /** Go's {@code math.Round}: halves away from zero. */
    static double goRound(double x) {
        double abs = Math.abs(x);
        double t = Math.floor(abs);
        if (abs - t >= 0.5) {
            t += 1;
        }
        return Math.copySign(t, x);
    }

    private static IllegalArgumentException cannotParseTime(String s) {
        return new IllegalArgumentException("cannot parse " + Printer.quote(s) + " to a valid timestamp");
    }

    /**
     * A duration in float seconds ({@code 15}, {@code 0.5}) or Prometheus's notation ({@code 1m30s}), in nanoseconds.
     *
     * @throws IllegalArgumentException {@code cannot parse "x" to a valid duration}
     */
    static long parseDurationNanos(String s) {
        Double seconds = GoStrconv.parseFloat(s);
        if (seconds != null) {
            double nanos = seconds * 1e9;
            if (Double.isNaN(nanos)) {
                throw cannotParseDuration(s);
            }
            if (nanos >= 0x1p63 || nanos < -0x1p63) {
                throw new IllegalArgumentException(
                        "cannot parse " + Printer.quote(s) + " to a valid duration. It overflows int64");
            }
            return (long) nanos;
        }
        try {
            return PromDuration.parse(s).millis() * 1_000_000;
        } catch (IllegalArgumentException e) {
            throw cannotParseDuration(s);
        }
    }

    private static IllegalArgumentException cannotParseDuration(String s) {
        return new IllegalArgumentException("cannot parse " + Printer.quote(s) + " to a valid duration");
    }

    /** An optional time parameter, with Prometheus's {@code invalid time value for 'name'} wording. */
    static long timeParam(ApiRequest request, String name, long defaultMs) {
        String value = request.param(name);
        if (value.isEmpty()) {
            return defaultMs;
        }
        try {
            return parseTime(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter(name, "invalid time value for '" + name + "': " + e.getMessage());
        }
    }

    /** The {@code limit} of the query and listing endpoints: 0 (no limit) when absent. */
    static int limitParam(ApiRequest request) {
        String value = request.param("limit");
        if (value.isEmpty()) {
            return 0;
        }
        int limit;
        try {
            limit = GoStrconv.atoi(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("limit", e.getMessage());
        }
        if (limit < 0) {
            throw ApiException.invalidParameter("limit", "limit must be non-negative");
        }
        return limit;
    }
}
