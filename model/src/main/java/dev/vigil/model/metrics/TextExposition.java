package dev.vigil.model.metrics;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link MetricRegistry} in the Prometheus text exposition format 0.0.4, the format
 * {@code promtool check metrics} and every scraper accept. Each family must be announced by one
 * collector only: the format needs a family's samples to stand together.
 */
public final class TextExposition {
    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private TextExposition() {}

    public static String write(MetricRegistry registry) {
        StringBuilder out = new StringBuilder(16 * 1024);
        registry.collect(new Writer(out));
        return out.toString();
    }

    /**
     * Formats a sample value so that Prometheus parses it back exactly: {@code NaN}, {@code +Inf},
     * {@code -Inf}, whole numbers without a fraction, other values as the shortest round-tripping
     * decimal, in plain notation between 1e-4 and 1e21 (so timestamps in seconds stay readable)
     * and in Go's exponent notation ({@code 1.5e-07}) outside it.
     */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal decimal = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 21) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (v < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    /**
     * Appends {@code s} double-quoted with the text exposition format's escapes (backslash, double quote, newline), as
     * label values and quoted names are written there.
     */
    public static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        escapeLabelValue(s, out);
        out.append('"');
    }

    static void escapeLabelValue(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    static void escapeHelp(String help, StringBuilder out) {
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static final class Writer implements SampleWriter {
        private final StringBuilder out;
        private final Set<String> announced = new HashSet<>();

        Writer(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void family(String name, String help, MetricType type) {
            if (!announced.add(name)) {
                return;
            }
            if (!help.isEmpty()) {
                out.append("# HELP ").append(name).append(' ');
                escapeHelp(help, out);
                out.append('\n');
            }
            out.append("# TYPE ").append(name).append(' ').append(type.text()).append('\n');
        }

        @Override
        public void sample(String name, List<String> labelNames, List<String> labelValues, double value) {
            out.append(name);
            if (!labelNames.isEmpty()) {
                out.append('{');
                for (int i = 0; i < labelNames.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(labelNames.get(i)).append("=\"");
                    escapeLabelValue(labelValues.get(i), out);
                    out.append('"');
                }
                out.append('}');
            }
            out.append(' ').append(formatValue(value)).append('\n');
        }
    }
}
