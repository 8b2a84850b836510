package dev.vigil.config.core;

import dev.vigil.config.core.ConfigNode.NullNode;
import dev.vigil.config.core.ConfigNode.ScalarNode;
import dev.vigil.config.core.ConfigNode.ScalarType;
import java.util.Optional;

/**
 * Typed conversions of single nodes, each recording a located problem and returning empty when the node does not
 * fit. Strings accept any scalar and keep its text as written (YAML {@code version: 1.10} stays {@code "1.10"}), as
 * Prometheus's YAML library does; booleans and numbers must be written as such. Stateless.
 */
public final class Scalars {
    private Scalars() {}

    public static Optional<String> string(ConfigNode node, KeyPath path, Problems problems) {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.text());
        }
        if (node instanceof NullNode) {
            return Optional.of("");
        }
        problems.add(node, path, "expected a string, got " + MapReader.describe(node));
        return Optional.empty();
    }

    public static Optional<Boolean> bool(ConfigNode node, KeyPath path, Problems problems) {
        if (node instanceof ScalarNode scalar && scalar.type() == ScalarType.BOOLEAN) {
            String text = scalar.text().toLowerCase(java.util.Locale.ROOT);
            return Optional.of(text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y"));
        }
        problems.add(node, path, "expected a boolean (true or false), got " + MapReader.describe(node));
        return Optional.empty();
    }

    public static Optional<Long> integer(ConfigNode node, KeyPath path, Problems problems, long min, long max) {
        if (!(node instanceof ScalarNode scalar) || scalar.type() != ScalarType.INTEGER) {
            problems.add(node, path, "expected an integer, got " + MapReader.describe(node));
            return Optional.empty();
        }
        long value;
        try {
            value = parseYamlInteger(scalar.text());
        } catch (NumberFormatException e) {
            problems.add(node, path, "integer out of range: " + scalar.text());
            return Optional.empty();
        }
        if (value < min || value > max) {
            String range = max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                    ? "must be at least " + min
                    : "must be between " + min + " and " + max;
            problems.add(node, path, range + ", got " + value);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    public static Optional<Double> floating(ConfigNode node, KeyPath path, Problems problems) {
        if (node instanceof ScalarNode scalar
                && (scalar.type() == ScalarType.FLOAT || scalar.type() == ScalarType.INTEGER)) {
            try {
                return Optional.of(Double.parseDouble(scalar.text().replace("_", "")));
            } catch (NumberFormatException e) {
                // Special YAML floats such as .inf are not meaningful in any config field.
            }
        }
        problems.add(node, path, "expected a number, got " + MapReader.describe(node));
        return Optional.empty();
    }

    public static Optional<PromDuration> duration(ConfigNode node, KeyPath path, Problems problems) {
        if (!(node instanceof ScalarNode scalar) || scalar.type() == ScalarType.BOOLEAN) {
            problems.add(node, path, "expected a duration such as 30s or 1h30m, got " + MapReader.describe(node));
            return Optional.empty();
        }
        try {
            return Optional.of(PromDuration.parse(scalar.text()));
        } catch (IllegalArgumentException e) {
            problems.add(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    public static Optional<ByteSize> byteSize(ConfigNode node, KeyPath path, Problems problems) {
        if (!(node instanceof ScalarNode scalar) || scalar.type() == ScalarType.BOOLEAN) {
            problems.add(node, path, "expected a size such as 512MB, got " + MapReader.describe(node));
            return Optional.empty();
        }
        try {
            return Optional.of(ByteSize.parse(scalar.text()));
        } catch (IllegalArgumentException e) {
            problems.add(node, path, e.getMessage());
            return Optional.empty();
        }
    }

    /** YAML 1.1 integers as Go's YAML library reads them: decimal, 0x hex, 0o or leading-0 octal, '_' separators. */
    private static long parseYamlInteger(String text) {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        if (negative || digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        long magnitude;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            magnitude = Long.parseLong(digits.substring(2), 16);
        } else if (digits.startsWith("0o")) {
            magnitude = Long.parseLong(digits.substring(2), 8);
        } else if (digits.startsWith("0b")) {
            magnitude = Long.parseLong(digits.substring(2), 2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            magnitude = Long.parseLong(digits.substring(1), 8);
        } else {
            magnitude = Long.parseLong(digits);
        }
        return negative ? -magnitude : magnitude;
    }
}
