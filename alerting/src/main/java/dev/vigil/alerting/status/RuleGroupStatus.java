package dev.vigil.alerting.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule group as {@code /api/v1/rules} shows it.
 *
 * @param file the rule file the group came from (JSON {@code file})
 * @param intervalSeconds the evaluation interval in effect (JSON {@code interval})
 * @param limit the group's {@code limit}, 0 for none (JSON {@code limit})
 * @param queryOffsetSeconds the query offset in effect (not in Prometheus's JSON; shown by its UI)
 * @param evaluationTimeSeconds how long the last evaluation of the whole group took (JSON {@code evaluationTime})
 * @param lastEvaluation when the last evaluation started; empty before the first (Prometheus prints Go's zero time,
 *     {@code 0001-01-01T00:00:00Z})
 * @param rules in file order
 */
public record RuleGroupStatus(
        String name,
        String file,
        double intervalSeconds,
        long limit,
        double queryOffsetSeconds,
        double evaluationTimeSeconds,
        Optional<Instant> lastEvaluation,
        List<RuleStatus> rules) {
    public RuleGroupStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(lastEvaluation, "lastEvaluation");
        rules = List.copyOf(rules);
    }
}
