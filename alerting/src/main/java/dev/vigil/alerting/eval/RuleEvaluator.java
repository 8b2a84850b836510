package dev.vigil.alerting.eval;

import dev.vigil.alerting.status.RuleStatus;
import dev.vigil.config.rules.Rule;
import dev.vigil.model.labels.Labels;
import dev.vigil.promql.value.Vector;
import java.time.Instant;
import java.util.Optional;

/**
 * A loaded rule with the state the API shows (health, last error, timing). Evaluated by its group on one thread at
 * a time; the status is read from any thread, so state is guarded by this object's lock.
 */
abstract sealed class RuleEvaluator permits AlertingRuleEvaluator, RecordingRuleEvaluator {
    /** The rule as loaded, with the group's labels merged in; equal definitions are the same rule across reloads. */
    final Rule definition;
    /** The expression in canonical formatting, which is what is queried and shown. */
    final String query;

    final Labels labels;

    private RuleHealth health = RuleHealth.UNKNOWN;
    private String lastError = "";
    private long evaluationNanos;
    private long lastEvaluationMs = ActiveAlert.UNSET;

    RuleEvaluator(Rule definition, String query) {
        this.definition = definition;
        this.query = query;
        this.labels = Labels.fromMap(definition.labels());
    }

    String name() {
        return definition.name();
    }

    /** What identifies the rule when a reload carries state over (Prometheus: name and labels). */
    String identity() {
        return name() + labels;
    }

    /**
     * Evaluates the rule at {@code ts} (the group's slot), querying at {@code ts - queryOffsetMs}.
     *
     * @return the samples to append, all at the query time
     * @throws RuntimeException when the query fails or its result cannot be used
     */
    abstract Vector eval(long ts, long queryOffsetMs, RuleContext ctx, long limit);

    abstract RuleStatus status();

    synchronized void succeeded() {
        health = RuleHealth.OK;
        lastError = "";
    }

    synchronized void failed(String error) {
        health = RuleHealth.ERR;
        lastError = error == null || error.isEmpty() ? "unknown error" : error;
    }

    synchronized void timed(long nanos, long startMs) {
        evaluationNanos = nanos;
        lastEvaluationMs = startMs;
    }

    synchronized long evaluationNanos() {
        return evaluationNanos;
    }

    synchronized boolean evaluated() {
        return lastEvaluationMs != ActiveAlert.UNSET;
    }

    synchronized RuleHealth health() {
        return health;
    }

    synchronized String lastError() {
        return lastError;
    }

    synchronized double evaluationSeconds() {
        return evaluationNanos / 1e9;
    }

    synchronized Optional<Instant> lastEvaluation() {
        return lastEvaluationMs == ActiveAlert.UNSET
                ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(lastEvaluationMs));
    }
}
