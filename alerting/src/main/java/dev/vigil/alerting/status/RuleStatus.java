package dev.vigil.alerting.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.Optional;

/**
 * A rule as {@code /api/v1/rules} shows it: an {@link AlertingRuleStatus} or a {@link RecordingRuleStatus}. The
 * fields here are common to both.
 */
public sealed interface RuleStatus permits AlertingRuleStatus, RecordingRuleStatus {
    /** JSON {@code type}: {@code alerting} or {@code recording}. */
    String type();

    /** The alert name or the recorded metric name. */
    String name();

    /** The expression in PromQL's canonical formatting (JSON {@code query}). */
    String query();

    /** The rule's labels, group labels included, templates unexpanded. */
    Labels labels();

    /** {@code ok}, {@code err} or {@code unknown} (not evaluated yet). */
    String health();

    /** The last evaluation's error; empty when healthy (JSON omits it then). */
    String lastError();

    double evaluationTimeSeconds();

    /** When the last evaluation of this rule started; empty before the first (Go's zero time in JSON). */
    Optional<Instant> lastEvaluation();
}
