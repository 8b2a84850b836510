package dev.vigil.alerting.template;

import java.time.Instant;

/**
 * Prometheus's humanizing functions with its exact output: four significant digits ({@code %.4g}) plus an SI or
 * binary prefix, durations as {@code 1d 2h 3m 4s}, timestamps as Go's {@code Time.String()} in UTC. Stateless.
 */
public final class Humanize {
    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Humanize() {}

    private static String g4(double v) {
        return GoFormat.formatFloat(v, 'g', 4);
    }

    /** 1234567 → {@code 1.235M}, 0.001234 → {@code 1.234m}. */
    public static String number(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
        } else {
            for (String p : SMALL) {
                if (Math.abs(v) >= 1) {
                    break;
                }
                prefix = p;
                v *= 1000;
            }
        }
        return g4(v) + prefix;
    }

    /** 1048576 → {@code 1Mi}. Values up to 1 in magnitude print without prefix. */
    public static String binary(double v) {
        if (Math.abs(v) <= 1 || Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v) + prefix;
    }

    /** Seconds as {@code 1d 2h 3m 4s}, {@code 1h 1m 1s}, {@code 14m 59s}, {@code 59.5s} or {@code 1.5ms}. */
    public static String duration(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        if (v == 0) {
            return "0s";
        }
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long total = (long) v;
            long seconds = total % 60;
            long minutes = (total / 60) % 60;
            long hours = (total / 3600) % 24;
            long days = total / 86400;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    /** A ratio as a percentage: 0.1234567 → {@code 12.35%}. */
    public static String percentage(double v) {
        return g4(v * 100) + "%";
    }

    /** Unix seconds as Go prints a UTC time: {@code 2015-06-23 13:19:44.128 +0000 UTC}; NaN/Inf as numbers. */
    public static String timestamp(double v) throws TemplateException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return g4(v);
        }
        return toTime(v).toString();
    }

    /**
     * Unix seconds to a time with millisecond precision, truncating like Prometheus (which goes through
     * nanoseconds and then its millisecond timestamps).
     */
    public static GoTime toTime(double v) throws TemplateException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new TemplateException("value is NaN or Inf");
        }
        double nanos = v * 1e9;
        if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
            throw new TemplateException(
                    GoValues.print(v) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
        }
        long millis = ((long) nanos) / 1_000_000;
        return GoTime.of(Instant.ofEpochMilli(millis));
    }
}
