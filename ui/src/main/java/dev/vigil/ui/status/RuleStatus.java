package dev.vigil.ui.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;

/** An alerting or recording rule. */
public sealed interface RuleStatus permits AlertingRuleStatus, RecordingRuleStatus {
    /** The alert name or the recorded metric name. */
    String name();

    /** The rule's {@code labels}, which {@code match[]} filters on. */
    Labels labels();

    /** The rule's expression as canonical PromQL. */
    String query();

    RuleHealth health();

    /** Why the last evaluation failed, empty when it did not. */
    String lastError();

    double evaluationTimeSeconds();

    /** {@code null} when never evaluated. */
    Instant lastEvaluation();
}
