package dev.vigil.alerting.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A recording rule as {@code /api/v1/rules} shows it. */
public record RecordingRuleStatus(
        String name,
        String query,
        Labels labels,
        String health,
        String lastError,
        double evaluationTimeSeconds,
        Optional<Instant> lastEvaluation)
        implements RuleStatus {
    public RecordingRuleStatus {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastEvaluation, "lastEvaluation");
    }

    @Override
    public String type() {
        return "recording";
    }
}
