package dev.vigil.alerting.eval;

import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.alerting.status.RuleStatus;
import dev.vigil.alerting.template.AlertTemplateExpander;
import dev.vigil.alerting.template.PrometheusFunctions;
import dev.vigil.config.rules.Rule;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.value.Vector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An alerting rule and its alerts, following the Prometheus Alert Generator Compliance Specification: each result
 * element is an alert identified by its labels (rule labels expanded, {@code alertname} set); a new alert is pending,
 * fires once it has been active for {@code for}, and becomes inactive (resolved) when its element disappears, unless
 * {@code keep_firing_for} holds it. A resolved alert is kept, and re-sent, for 15 minutes. Each evaluation produces
 * {@code ALERTS} and {@code ALERTS_FOR_STATE} samples for pending and firing alerts, once the {@code for} state has
 * been restored after a restart.
 */
final class AlertingRuleEvaluator extends RuleEvaluator {
    static final String ALERTS = "ALERTS";
    static final String ALERTS_FOR_STATE = "ALERTS_FOR_STATE";
    static final String ALERT_NAME = "alertname";
    static final String ALERT_STATE = "alertstate";
    static final long RESOLVED_RETENTION_MS = Duration.ofMinutes(15).toMillis();

    final long holdMs;
    final long keepFiringForMs;
    final Map<String, String> annotations;
    /** Alerts by labels, including resolved ones kept for re-sending. */
    private final Map<Labels, ActiveAlert> active = new LinkedHashMap<>();

    private boolean restored;

    AlertingRuleEvaluator(Rule.AlertingRule definition, String query, boolean restored) {
        super(definition, query);
        this.holdMs = definition.forDuration().toDuration().toMillis();
        this.keepFiringForMs = definition.keepFiringFor().toDuration().toMillis();
        this.annotations = new TreeMap<>(definition.annotations());
        this.restored = restored;
    }

    private record Fresh(Map<String, String> annotations, double value) {}

    @Override
    Vector eval(long ts, long queryOffsetMs, RuleContext ctx, long limit) {
        long queryTime = ts - queryOffsetMs;
        Vector result = ctx.query.query(query, queryTime);
        AlertTemplateExpander expander = ctx.settings().expander();
        Map<Labels, Fresh> fresh = new HashMap<>();
        LabelsBuilder builder = new LabelsBuilder();
        for (int i = 0; i < result.size(); i++) {
            Labels metric = result.labels(i);
            double value = result.value(i);
            builder.reset(metric).del(Labels.METRIC_NAME);
            labels.forEach((n, template) -> builder.set(n, expander.expand(name(), template, metric, value, ts)));
            builder.set(ALERT_NAME, name());
            Map<String, String> expanded = new TreeMap<>();
            annotations.forEach((n, template) -> expanded.put(n, expander.expand(name(), template, metric, value, ts)));
            Labels alertLabels = builder.labels();
            if (fresh.put(alertLabels, new Fresh(expanded, value)) != null) {
                throw new RuleEvaluationException(
                        "vector contains metrics with the same labelset after applying alert labels");
            }
        }
        synchronized (this) {
            return update(fresh, ts, queryTime, limit);
        }
    }

    private Vector update(Map<Labels, Fresh> fresh, long ts, long sampleTime, long limit) {
        fresh.forEach((alertLabels, f) -> {
            ActiveAlert existing = active.get(alertLabels);
            if (existing != null && existing.state != AlertState.INACTIVE) {
                existing.value = f.value();
                existing.annotations = f.annotations();
            } else {
                active.put(alertLabels, new ActiveAlert(alertLabels, f.annotations(), f.value(), ts));
            }
        });
        Vector out = new Vector(2 * fresh.size());
        int activeOrPending = 0;
        for (Iterator<ActiveAlert> it = active.values().iterator(); it.hasNext(); ) {
            ActiveAlert a = it.next();
            if (!fresh.containsKey(a.labels)) {
                boolean keepFiring = false;
                if (a.state == AlertState.FIRING && keepFiringForMs > 0) {
                    if (a.keepFiringSince == ActiveAlert.UNSET) {
                        a.keepFiringSince = ts;
                    }
                    keepFiring = ts - a.keepFiringSince < keepFiringForMs;
                }
                if (a.state == AlertState.PENDING
                        || (a.resolvedAt != ActiveAlert.UNSET && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) {
                    it.remove();
                }
                if (a.state != AlertState.INACTIVE && !keepFiring) {
                    a.state = AlertState.INACTIVE;
                    a.resolvedAt = ts;
                }
                if (!keepFiring) {
                    continue;
                }
            } else {
                a.keepFiringSince = ActiveAlert.UNSET;
            }
            activeOrPending++;
            if (a.state == AlertState.PENDING && ts - a.activeAt >= holdMs) {
                a.state = AlertState.FIRING;
                a.firedAt = ts;
            }
            // A reload may have lengthened `for`: an alert active for less than that is pending again.
            if (a.state == AlertState.FIRING && ts - a.activeAt < holdMs) {
                a.state = AlertState.PENDING;
                a.firedAt = ActiveAlert.UNSET;
                a.lastSentAt = ActiveAlert.UNSET;
                a.keepFiringSince = ActiveAlert.UNSET;
            }
            if (restored) {
                out.add(alertsSeries(a), 1, sampleTime, false);
                out.add(forStateSeries(a.labels), Math.floorDiv(a.activeAt, 1000L), sampleTime, false);
            }
        }
        if (limit > 0 && activeOrPending > limit) {
            active.clear();
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + activeOrPending + " alerts");
        }
        return out;
    }

    private static Labels alertsSeries(ActiveAlert a) {
        return a.labels.toBuilder()
                .set(Labels.METRIC_NAME, ALERTS)
                .set(ALERT_STATE, a.state.apiName())
                .labels();
    }

    static Labels forStateSeries(Labels alertLabels) {
        return alertLabels.toBuilder().set(Labels.METRIC_NAME, ALERTS_FOR_STATE).labels();
    }

    /**
     * Sends the alerts due: newly firing, newly resolved, or not sent for more than {@code resendDelayMs}. Each sent
     * firing alert is valid for four times the larger of the group interval and the resend delay, so that two missed
     * evaluations or sends do not resolve it at the receiver.
     */
    void sendAlerts(long ts, long resendDelayMs, long intervalMs, RuleContext ctx) {
        String generatorUrl = ctx.settings().externalUrl() + PrometheusFunctions.tableLink(query);
        List<Alert> due = new ArrayList<>();
        synchronized (this) {
            for (ActiveAlert a : active.values()) {
                if (!a.needsSending(ts, resendDelayMs)) {
                    continue;
                }
                a.lastSentAt = ts;
                a.validUntil = ts + 4 * Math.max(intervalMs, resendDelayMs);
                long end = a.resolvedAt != ActiveAlert.UNSET ? a.resolvedAt : a.validUntil;
                long start = a.firedAt != ActiveAlert.UNSET ? a.firedAt : a.activeAt;
                due.add(Alert.of(
                        a.labels,
                        a.annotations,
                        Instant.ofEpochMilli(start),
                        Optional.of(Instant.ofEpochMilli(end)),
                        generatorUrl));
            }
        }
        if (!due.isEmpty()) {
            ctx.notify.send(due);
        }
    }

    synchronized boolean restored() {
        return restored;
    }

    synchronized void markRestored() {
        restored = true;
    }

    /** Calls {@code action} on each alert under the rule's lock (for restoring {@code for} state). */
    synchronized void forEachAlert(java.util.function.Consumer<ActiveAlert> action) {
        active.values().forEach(action);
    }

    /** Takes over the alerts of the same rule from before a reload. */
    synchronized void copyAlertsFrom(AlertingRuleEvaluator previous) {
        synchronized (previous) {
            active.putAll(previous.active);
        }
    }

    synchronized AlertState state() {
        if (!evaluated()) {
            return AlertState.UNKNOWN;
        }
        AlertState max = AlertState.INACTIVE;
        for (ActiveAlert a : active.values()) {
            if (a.state.compareTo(max) > 0) {
                max = a.state;
            }
        }
        return max;
    }

    /** The pending and firing alerts (not the resolved ones kept for re-sending), sorted by labels. */
    synchronized List<RuleAlertStatus> alerts() {
        List<RuleAlertStatus> out = new ArrayList<>();
        for (ActiveAlert a : active.values()) {
            if (a.resolvedAt != ActiveAlert.UNSET) {
                continue;
            }
            out.add(new RuleAlertStatus(
                    a.labels,
                    a.annotations,
                    a.state.apiName(),
                    Instant.ofEpochMilli(a.activeAt),
                    a.keepFiringSince == ActiveAlert.UNSET
                            ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(a.keepFiringSince)),
                    a.value));
        }
        out.sort((x, y) -> x.labels().compareTo(y.labels()));
        return out;
    }

    @Override
    synchronized RuleStatus status() {
        Rule.AlertingRule rule = (Rule.AlertingRule) definition;
        return new AlertingRuleStatus(
                state().apiName(),
                name(),
                query,
                holdMs / 1000.0,
                keepFiringForMs / 1000.0,
                labels,
                rule.annotations(),
                alerts(),
                health().apiName(),
                lastError(),
                evaluationSeconds(),
                lastEvaluation());
    }
}
