package dev.vigil.ui.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.Objects;

/** A recording rule; {@code name} is the metric it records. */
public record RecordingRuleStatus(
        String name,
        String query,
        Labels labels,
        RuleHealth health,
        String lastError,
        double evaluationTimeSeconds,
        Instant lastEvaluation)
        implements RuleStatus {
    public RecordingRuleStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastError, "lastError");
    }
}
