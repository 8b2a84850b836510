package dev.vigil.ui.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rule group.
 *
 * @param file the rule file the group came from
 * @param rules its rules in file order
 * @param intervalSeconds the evaluation interval
 * @param limit the group's {@code limit} (0 for none)
 * @param evaluationTimeSeconds how long the last evaluation of the whole group took
 * @param lastEvaluation when the group was last evaluated, {@code null} when never
 */
public record RuleGroupStatus(
        String name,
        String file,
        List<RuleStatus> rules,
        double intervalSeconds,
        int limit,
        double evaluationTimeSeconds,
        Instant lastEvaluation) {
    public RuleGroupStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        rules = List.copyOf(rules);
    }
}
