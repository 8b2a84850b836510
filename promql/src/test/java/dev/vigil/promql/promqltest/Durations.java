package dev.vigil.promql.promqltest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Prometheus durations ({@code 1h30m}, {@code 10s}, {@code 5ms}); a bare number is seconds. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

    private Durations() {}

    static long parseMs(String text) {
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return Math.round(Double.parseDouble(text) * 1000);
        }
        Matcher m = PART.matcher(text);
        long total = 0;
        int pos = 0;
        while (m.find() && m.start() == pos) {
            long n = Long.parseLong(m.group(1));
            total += n * unitMs(m.group(2));
            pos = m.end();
        }
        if (pos != text.length() || pos == 0) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\"");
        }
        return total;
    }

    private static long unitMs(String unit) {
        switch (unit) {
            case "ms":
                return 1;
            case "s":
                return 1000;
            case "m":
                return 60_000;
            case "h":
                return 3_600_000;
            case "d":
                return 86_400_000;
            case "w":
                return 7 * 86_400_000L;
            case "y":
                return 365 * 86_400_000L;
            default:
                throw new IllegalArgumentException("unknown duration unit " + unit);
        }
    }
}
