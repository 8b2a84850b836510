package dev.vigil.alerting.eval;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.log.Log;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores the {@code for} state of alerts after a restart, as Prometheus does: each pending alert looks up its
 * {@code ALERTS_FOR_STATE} series (whose value is the alert's active-since time in seconds) within the outage
 * tolerance. If the alert had been pending for part of its {@code for} when Vigil went down, it resumes with that
 * much already served, shifted by the downtime; it never fires sooner than the grace period after the restart.
 * Rules whose {@code for} is shorter than the grace period are not restored. Stateless apart from its context.
 */
final class ForStateRestorer {
    private static final Log log = Log.get(ForStateRestorer.class);

    private final RuleContext ctx;
    private final String group;

    ForStateRestorer(RuleContext ctx, String group) {
        this.ctx = ctx;
        this.group = group;
    }

    private record LastSample(long t, double v) {}

    void restore(List<AlertingRuleEvaluator> rules, long nowMs) {
        long graceMs = ctx.options.forGracePeriod().toMillis();
        long minT = nowMs - ctx.options.outageTolerance().toMillis();
        try (Querier querier = ctx.queryable.querier(minT, nowMs)) {
            for (AlertingRuleEvaluator rule : rules) {
                if (rule.holdMs < graceMs) {
                    rule.markRestored();
                    continue;
                }
                try {
                    Map<Labels, LastSample> stored = lastSamples(querier, rule);
                    if (!stored.isEmpty()) {
                        rule.forEachAlert(a -> restore(a, stored.get(a.labels), rule.holdMs, graceMs, nowMs));
                    }
                } catch (RuntimeException e) {
                    log.error("Failed to restore 'for' state", e, "group", group, "alertname", rule.name());
                }
                // Even after a failure there is no retry; the alert waits its full `for` instead.
                rule.markRestored();
            }
        } catch (RuntimeException e) {
            log.error("Failed to restore 'for' state", e, "group", group);
            rules.forEach(AlertingRuleEvaluator::markRestored);
        }
    }

    private static void restore(ActiveAlert a, LastSample last, long holdMs, long graceMs, long nowMs) {
        if (last == null || StaleMarker.isStaleNaN(last.v())) {
            return;
        }
        long downAt = Math.floorDiv(last.t(), 1000L) * 1000L;
        long activeAt = (long) last.v() * 1000L;
        long remaining = holdMs - (downAt - activeAt);
        if (remaining <= 0) {
            // It was firing when Vigil stopped; the next evaluation finds it firing again.
        } else if (remaining < graceMs) {
            activeAt = nowMs + graceMs - holdMs;
        } else {
            activeAt += nowMs - downAt;
        }
        a.activeAt = activeAt;
        log.debug("'for' state restored", "labels", a.labels, "active_at", activeAt);
    }

    /** The last sample of each of the rule's {@code ALERTS_FOR_STATE} series, by alert labels. */
    private static Map<Labels, LastSample> lastSamples(Querier querier, AlertingRuleEvaluator rule) {
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(Matcher.equal(Labels.METRIC_NAME, AlertingRuleEvaluator.ALERTS_FOR_STATE));
        matchers.add(Matcher.equal(AlertingRuleEvaluator.ALERT_NAME, rule.name()));
        rule.labels.forEach((name, value) -> {
            // Templated values differ per alert, so they cannot narrow the selection.
            if (!value.contains("{{") && !name.equals(AlertingRuleEvaluator.ALERT_NAME)) {
                matchers.add(Matcher.equal(name, value));
            }
        });
        Map<Labels, LastSample> out = new HashMap<>();
        SeriesSet set = querier.select(false, matchers.toArray(Matcher[]::new));
        LabelsBuilder builder = new LabelsBuilder();
        SeriesIterator reuse = null;
        while (set.next()) {
            SeriesIterator it = set.at().iterator(reuse);
            reuse = it;
            long t = Long.MIN_VALUE;
            double v = 0;
            while (it.next()) {
                t = it.timestamp();
                v = it.value();
            }
            if (t != Long.MIN_VALUE) {
                out.put(builder.reset(set.at().labels()).del(Labels.METRIC_NAME).labels(), new LastSample(t, v));
            }
        }
        return out;
    }
}
