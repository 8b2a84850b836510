package dev.vigil.model.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of metric and label names against the classic Prometheus character sets. */
final class MetricNames {
    private MetricNames() {}

    static void checkMetricName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("metric name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c == ':' || isAsciiLetter(c) || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                throw new IllegalArgumentException("invalid metric name \"" + name + "\"");
            }
        }
    }

    static List<String> checkLabelNames(String metricName, String... labelNames) {
        Set<String> seen = new HashSet<>();
        for (String label : labelNames) {
            checkLabelName(label);
            if (label.startsWith("__")) {
                throw new IllegalArgumentException(
                        "label name \"" + label + "\" of " + metricName + " is reserved (starts with __)");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("duplicate label name \"" + label + "\" in " + metricName);
            }
        }
        return List.of(labelNames);
    }

    static void checkLabelName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("label name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || isAsciiLetter(c) || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                throw new IllegalArgumentException("invalid label name \"" + name + "\"");
            }
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
