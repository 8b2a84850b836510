package dev.vigil.alerting.eval;

import dev.vigil.config.rules.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule group as loaded: its rules carry the group's labels and their expression in canonical form, so two loads of
 * the same file give equal definitions and a reload keeps an unchanged group running with its state. Immutable.
 *
 * @param file the rule file's path as resolved from the configuration
 * @param interval the interval in effect (the group's, else the global evaluation interval)
 * @param queryOffset the group's own {@code query_offset}; empty to follow the global {@code rule_query_offset}
 */
record GroupDefinition(
        String name, String file, Duration interval, long limit, Optional<Duration> queryOffset, List<Rule> rules) {
    GroupDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("group " + name + ": interval must be positive");
        }
        Objects.requireNonNull(queryOffset, "queryOffset");
        rules = List.copyOf(rules);
    }

    /** The key of the group in metrics and in the manager ({@code <file>;<name>}, as Prometheus). */
    String key() {
        return file + ";" + name;
    }
}
