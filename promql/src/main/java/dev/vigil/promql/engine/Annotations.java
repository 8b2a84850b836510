package dev.vigil.promql.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warnings and infos a query collected, each message once, in the order first seen, worded like Prometheus's
 * ({@code PromQL warning: ... (1:6)}, {@code PromQL info: ...}). Used by one evaluating thread.
 */
final class Annotations {
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> infos = new LinkedHashSet<>();
    private final String query;

    Annotations(String query) {
        this.query = query;
    }

    void warn(String message, int offset) {
        warnings.add("PromQL warning: " + message + position(offset));
    }

    void info(String message, int offset) {
        infos.add("PromQL info: " + message + position(offset));
    }

    List<String> warnings() {
        return List.copyOf(new ArrayList<>(warnings));
    }

    List<String> infos() {
        return List.copyOf(new ArrayList<>(infos));
    }

    /** Prometheus's " (line:column)" suffix, 1-based; empty when the query text is not known. */
    private String position(int offset) {
        if (query == null || offset < 0 || offset > query.length()) {
            return "";
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " (" + line + ":" + (offset - lineStart + 1) + ")";
    }
}
