package dev.vigil.config.rules;

import dev.vigil.config.core.PromDuration;
import java.util.Map;
import java.util.Objects;

/** A rule of a rule group: either a recording or an alerting rule. Immutable. */
public sealed interface Rule permits Rule.RecordingRule, Rule.AlertingRule {

    /** The recorded metric name or the alert name. */
    String name();

    String expr();

    Map<String, String> labels();

    /** Records the result of {@code expr} as the series {@code record}. */
    record RecordingRule(String record, String expr, Map<String, String> labels) implements Rule {
        public RecordingRule {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(expr, "expr");
            labels = Map.copyOf(labels);
        }

        @Override
        public String name() {
            return record;
        }
    }

    /**
     * Fires {@code alert} for each series {@code expr} returns, once it has been returned for {@code forDuration}.
     *
     * @param keepFiringFor how long the alert keeps firing after the condition cleared
     */
    record AlertingRule(
            String alert,
            String expr,
            PromDuration forDuration,
            PromDuration keepFiringFor,
            Map<String, String> labels,
            Map<String, String> annotations)
            implements Rule {
        public AlertingRule {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(expr, "expr");
            Objects.requireNonNull(forDuration, "forDuration");
            Objects.requireNonNull(keepFiringFor, "keepFiringFor");
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }

        @Override
        public String name() {
            return alert;
        }
    }
}
