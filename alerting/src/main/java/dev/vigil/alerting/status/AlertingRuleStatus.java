package dev.vigil.alerting.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alerting rule as {@code /api/v1/rules} shows it.
 *
 * @param state {@code inactive}, {@code pending}, {@code firing}, or {@code unknown} before the first evaluation
 * @param durationSeconds the {@code for} duration (JSON {@code duration})
 * @param keepFiringForSeconds JSON {@code keepFiringFor}
 * @param annotations the annotation templates as written, sorted by name
 * @param alerts the rule's pending and firing alerts (JSON {@code alerts}), sorted by labels
 */
public record AlertingRuleStatus(
        String state,
        String name,
        String query,
        double durationSeconds,
        double keepFiringForSeconds,
        Labels labels,
        Map<String, String> annotations,
        List<RuleAlertStatus> alerts,
        String health,
        String lastError,
        double evaluationTimeSeconds,
        Optional<Instant> lastEvaluation)
        implements RuleStatus {
    public AlertingRuleStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(labels, "labels");
        annotations = SortedMaps.copy(annotations);
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastEvaluation, "lastEvaluation");
    }

    @Override
    public String type() {
        return "alerting";
    }
}
