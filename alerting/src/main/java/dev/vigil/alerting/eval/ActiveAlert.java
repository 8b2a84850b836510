package dev.vigil.alerting.eval;

import dev.vigil.model.labels.Labels;
import java.util.Map;

/**
 * One alert of an alerting rule and its lifecycle times (milliseconds; {@link #UNSET} when not reached). Mutable;
 * guarded by the owning {@link AlertingRuleEvaluator}'s lock.
 */
final class ActiveAlert {
    static final long UNSET = Long.MIN_VALUE;

    final Labels labels;
    Map<String, String> annotations;
    double value;
    AlertState state;
    long activeAt;
    long firedAt = UNSET;
    long resolvedAt = UNSET;
    long lastSentAt = UNSET;
    long validUntil = UNSET;
    long keepFiringSince = UNSET;

    ActiveAlert(Labels labels, Map<String, String> annotations, double value, long activeAt) {
        this.labels = labels;
        this.annotations = annotations;
        this.value = value;
        this.state = AlertState.PENDING;
        this.activeAt = activeAt;
    }

    /**
     * Prometheus's rule: pending alerts are never sent; an alert resolved since it was last sent is sent at once;
     * otherwise it is re-sent when more than {@code resendDelayMs} has passed since the last send.
     */
    boolean needsSending(long ts, long resendDelayMs) {
        if (state == AlertState.PENDING) {
            return false;
        }
        if (resolvedAt != UNSET && resolvedAt > lastSentAt) {
            return true;
        }
        return lastSentAt == UNSET || lastSentAt + resendDelayMs < ts;
    }
}
