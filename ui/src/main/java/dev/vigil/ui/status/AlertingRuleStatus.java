package dev.vigil.ui.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alerting rule.
 *
 * @param state the most severe state of its alerts ({@code inactive} when it has none)
 * @param durationSeconds its {@code for}
 * @param keepFiringForSeconds its {@code keep_firing_for}
 * @param alerts its active (pending or firing) alerts
 */
public record AlertingRuleStatus(
        AlertState state,
        String name,
        String query,
        double durationSeconds,
        double keepFiringForSeconds,
        Labels labels,
        Labels annotations,
        List<AlertStatus> alerts,
        RuleHealth health,
        String lastError,
        double evaluationTimeSeconds,
        Instant lastEvaluation)
        implements RuleStatus {
    public AlertingRuleStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(annotations, "annotations");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(lastError, "lastError");
    }
}
