package dev.vigil.config.core;

import java.util.regex.Pattern;

/**
 * Name rules for labels and metrics. Vigil uses Prometheus's legacy character set everywhere: label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}, metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. Stateless.
 */
public final class Names {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private Names() {}

    public static boolean isValidLabelName(String name) {
        return LABEL_NAME.matcher(name).matches();
    }

    public static boolean isValidMetricName(String name) {
        return METRIC_NAME.matcher(name).matches();
    }
}
