package dev.vigil.alerting.eval;

import dev.vigil.alerting.notify.Scheduler;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.alerting.status.RuleGroupStatus;
import dev.vigil.alerting.status.RuleStatus;
import dev.vigil.config.rules.Rule;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.promql.engine.QueryCancelledException;
import dev.vigil.promql.value.Vector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running rule group: evaluates its rules in order at every slot of its interval (see {@link GroupSchedule}),
 * each rule's results appended and committed before the next rule runs so later rules see them, and series a rule
 * stopped producing marked stale. Iterations that could not run because the previous one was too slow are counted
 * as missed and skipped. After the second iteration following startup, the {@code for} state of alerts is restored
 * from {@code ALERTS_FOR_STATE} ({@link ForStateRestorer}).
 *
 * <p>Thread-safety: iterations run on the context's executor one at a time (guarded by {@code runLock}); status
 * methods may be called from any thread; {@link #start}, {@link #stop} and {@link #copyState} are called by the
 * manager under its lock.
 */
final class EvaluationGroup {
    private static final Log log = Log.get(EvaluationGroup.class);

    final GroupDefinition definition;
    final String key;
    final long intervalMs;
    private final RuleContext ctx;
    private final List<RuleEvaluator> rules;
    private final ReentrantLock runLock = new ReentrantLock();

    // Guarded by runLock.
    private final SeriesRefs[] previousSeries;
    private List<Labels> staleSeries = new ArrayList<>();
    private boolean shouldRestore;
    private int iterations;

    // Guarded by this.
    private Scheduler.Cancellable timer;
    private volatile boolean stopped;

    private volatile long evaluationNanos;
    private volatile long lastEvaluationMs = ActiveAlert.UNSET;

    EvaluationGroup(GroupDefinition definition, RuleContext ctx, boolean restore) {
        this.definition = definition;
        this.key = definition.key();
        this.intervalMs = definition.interval().toMillis();
        this.ctx = ctx;
        this.shouldRestore = restore;
        List<RuleEvaluator> built = new ArrayList<>();
        for (Rule rule : definition.rules()) {
            if (rule instanceof Rule.AlertingRule a) {
                built.add(new AlertingRuleEvaluator(a, a.expr(), !restore));
            } else {
                built.add(new RecordingRuleEvaluator((Rule.RecordingRule) rule, rule.expr()));
            }
        }
        this.rules = List.copyOf(built);
        this.previousSeries = new SeriesRefs[rules.size()];
        for (int i = 0; i < previousSeries.length; i++) {
            previousSeries[i] = new SeriesRefs();
        }
    }

    long queryOffsetMs() {
        return definition.queryOffset().map(Duration::toMillis).orElseGet(() -> ctx.settings()
                .defaultQueryOffsetMs());
    }

    /** Schedules the first evaluation at the group's next slot. */
    void start() {
        long now = ctx.nowMs();
        scheduleAt(GroupSchedule.slotAtOrBefore(now, definition.file(), definition.name(), intervalMs) + intervalMs);
    }

    /** Stops scheduling and waits for a running evaluation to finish. */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (timer != null) {
                timer.cancel();
            }
        }
        runLock.lock();
        runLock.unlock();
    }

    private synchronized void scheduleAt(long evalTs) {
        if (stopped) {
            return;
        }
        Duration delay = Duration.ofMillis(evalTs - ctx.nowMs());
        timer = ctx.scheduler.schedule(delay, () -> {
            try {
                ctx.executor.execute(() -> iterate(evalTs));
            } catch (RejectedExecutionException e) {
                if (!stopped) {
                    log.error("Rule group evaluation rejected by the executor", e, "group", key);
                }
            }
        });
    }

    void iterate(long evalTs) {
        runLock.lock();
        try {
            if (stopped) {
                return;
            }
            try {
                runIteration(evalTs);
            } catch (RuntimeException e) {
                log.error("BUG: rule group iteration failed", e, "group", key);
            }
            scheduleAt(nextSlot(evalTs));
        } finally {
            runLock.unlock();
        }
    }

    private void runIteration(long evalTs) {
        ctx.metrics.iterationsTotal.labels(key).inc();
        long startMs = ctx.nowMs();
        long t0 = System.nanoTime();
        evaluate(evalTs);
        long nanos = System.nanoTime() - t0;
        ctx.metrics.groupDuration.observe(nanos / 1e9);
        evaluationNanos = nanos;
        lastEvaluationMs = startMs;
        ctx.metrics.groupLastDuration.labels(key).set(nanos / 1e9);
        ctx.metrics.groupLastEvaluation.labels(key).set(startMs / 1000.0);
        double ruleSum = 0;
        for (RuleEvaluator r : rules) {
            ruleSum += r.evaluationNanos() / 1e9;
        }
        ctx.metrics.groupLastRuleDurationSum.labels(key).set(ruleSum);
        iterations++;
        // As Prometheus: restore only after a second evaluation, so recording rules the alerts depend on are fresh.
        if (shouldRestore && iterations >= 2) {
            shouldRestore = false;
            long restoreStart = System.nanoTime();
            new ForStateRestorer(ctx, key).restore(alertingRules(), ctx.nowMs());
            ctx.metrics.groupLastRestoreDuration.labels(key).set((System.nanoTime() - restoreStart) / 1e9);
        }
    }

    /** The next slot to evaluate; slots that already passed count as missed iterations and are skipped. */
    private long nextSlot(long evalTs) {
        long missed = (ctx.nowMs() - evalTs) / intervalMs - 1;
        if (missed > 0) {
            ctx.metrics.iterationsMissed.labels(key).inc(missed);
            ctx.metrics.iterationsTotal.labels(key).inc(missed);
            log.warn(
                    "Rule group evaluation was slower than its interval; skipping iterations",
                    "group",
                    key,
                    "missed",
                    missed);
            return evalTs + (missed + 1) * intervalMs;
        }
        return evalTs + intervalMs;
    }

    /** Evaluates every rule once at slot {@code ts}. */
    void evaluate(long ts) {
        long offset = queryOffsetMs();
        long samples = 0;
        for (int i = 0; i < rules.size(); i++) {
            if (stopped) {
                return;
            }
            RuleEvaluator rule = rules.get(i);
            long startMs = ctx.nowMs();
            long t0 = System.nanoTime();
            ctx.metrics.evaluations.labels(key).inc();
            try {
                Vector out = rule.eval(ts, offset, ctx, definition.limit());
                rule.succeeded();
                samples += out.size();
                if (rule instanceof AlertingRuleEvaluator alerting) {
                    alerting.sendAlerts(ts, ctx.options.resendDelay().toMillis(), intervalMs, ctx);
                }
                append(i, rule, out, ts - offset);
            } catch (RuntimeException e) {
                rule.failed(e.getMessage());
                ctx.metrics.evaluationFailures.labels(key).inc();
                if (!(e instanceof QueryCancelledException)) {
                    log.warn("Evaluating rule failed", "group", key, "rule", rule.name(), "err", e.getMessage());
                }
            } finally {
                long nanos = System.nanoTime() - t0;
                rule.timed(nanos, startMs);
                ctx.metrics.evalDuration.observe(nanos / 1e9);
            }
        }
        ctx.metrics.groupSamples.labels(key).set(samples);
        writeStaleSeries(ts - offset);
    }

    private void append(int index, RuleEvaluator rule, Vector out, long sampleTime) {
        SeriesRefs previous = previousSeries[index];
        if (out.isEmpty() && previous.size() == 0) {
            return; // nothing to write, nothing gone stale: no empty commit
        }
        SeriesRefs returned = new SeriesRefs(out.size());
        Appender app = ctx.appendable.appender();
        int outOfOrder = 0;
        int duplicates = 0;
        int tooOld = 0;
        for (int i = 0; i < out.size(); i++) {
            Labels series = out.labels(i);
            try {
                returned.put(series, app.append(previous.get(series), series, out.timestamp(i), out.value(i)));
            } catch (AppendException e) {
                rule.failed(e.getMessage());
                switch (e.kind()) {
                    case OUT_OF_ORDER -> outOfOrder++;
                    case DUPLICATE_TIMESTAMP -> duplicates++;
                    case OUT_OF_BOUNDS -> tooOld++;
                    default ->
                        log.warn(
                                "Rule evaluation result discarded",
                                "group",
                                key,
                                "rule",
                                rule.name(),
                                "err",
                                e.getMessage());
                }
            }
        }
        if (outOfOrder + duplicates + tooOld > 0) {
            log.warn(
                    "Rule evaluation results discarded",
                    "group",
                    key,
                    "rule",
                    rule.name(),
                    "out_of_order",
                    outOfOrder,
                    "duplicate_timestamp",
                    duplicates,
                    "too_old",
                    tooOld);
        }
        previous.forEach((series, ref) -> {
            if (!returned.contains(series)) {
                appendStale(app, ref, series, sampleTime);
            }
        });
        try {
            app.commit();
            previousSeries[index] = returned;
        } catch (RuntimeException e) {
            rule.failed(e.getMessage());
            ctx.metrics.evaluationFailures.labels(key).inc();
            log.warn("Rule sample appending failed", "group", key, "rule", rule.name(), "err", e.getMessage());
        }
    }

    /** Stale markers for series of rules removed by a reload, written at the first evaluation after it. */
    private void writeStaleSeries(long sampleTime) {
        if (staleSeries.isEmpty()) {
            return;
        }
        if (StaleWriter.write(ctx, staleSeries, sampleTime, key)) {
            staleSeries = new ArrayList<>();
        }
    }

    private void appendStale(Appender app, long ref, Labels series, long t) {
        try {
            app.append(ref, series, t, StaleMarker.STALE_NAN);
        } catch (AppendException e) {
            // Out of order or duplicate is expected when another rule now writes the series.
            if (e.kind() == AppendException.Kind.INVALID_LABELS) {
                log.warn("Adding stale sample failed", "group", key, "series", series, "err", e.getMessage());
            }
        }
    }

    /**
     * Takes over the state of the group this one replaces (same file and name, changed definition): timing, the
     * alerts and last series of each rule that is still present (matched by name and labels, duplicates in order),
     * and, as stale series, those of rules that are gone. Call after {@code previous} stopped, before {@link #start}.
     */
    void copyState(EvaluationGroup previous) {
        previous.runLock.lock();
        runLock.lock();
        try {
            evaluationNanos = previous.evaluationNanos;
            lastEvaluationMs = previous.lastEvaluationMs;
            Map<String, Deque<Integer>> byIdentity = new HashMap<>();
            for (int i = 0; i < previous.rules.size(); i++) {
                byIdentity
                        .computeIfAbsent(previous.rules.get(i).identity(), k -> new ArrayDeque<>())
                        .add(i);
            }
            for (int i = 0; i < rules.size(); i++) {
                Deque<Integer> matches = byIdentity.get(rules.get(i).identity());
                if (matches == null || matches.isEmpty()) {
                    continue;
                }
                int from = matches.poll();
                previousSeries[i] = previous.previousSeries[from];
                if (rules.get(i) instanceof AlertingRuleEvaluator now
                        && previous.rules.get(from) instanceof AlertingRuleEvaluator before) {
                    now.copyAlertsFrom(before);
                }
            }
            staleSeries = new ArrayList<>(previous.staleSeries);
            for (Deque<Integer> unmatched : byIdentity.values()) {
                for (int from : unmatched) {
                    previous.previousSeries[from].forEach((series, ref) -> staleSeries.add(series));
                }
            }
        } finally {
            runLock.unlock();
            previous.runLock.unlock();
        }
    }

    /** Every series the group wrote at its last evaluation plus those still to be marked stale. */
    List<Labels> allSeries() {
        runLock.lock();
        try {
            List<Labels> all = new ArrayList<>(staleSeries);
            for (SeriesRefs refs : previousSeries) {
                refs.forEach((series, ref) -> all.add(series));
            }
            return all;
        } finally {
            runLock.unlock();
        }
    }

    private List<AlertingRuleEvaluator> alertingRules() {
        List<AlertingRuleEvaluator> out = new ArrayList<>();
        for (RuleEvaluator r : rules) {
            if (r instanceof AlertingRuleEvaluator a) {
                out.add(a);
            }
        }
        return out;
    }

    RuleGroupStatus status() {
        List<RuleStatus> statuses = new ArrayList<>(rules.size());
        for (RuleEvaluator r : rules) {
            statuses.add(r.status());
        }
        long last = lastEvaluationMs;
        return new RuleGroupStatus(
                definition.name(),
                definition.file(),
                intervalMs / 1000.0,
                definition.limit(),
                queryOffsetMs() / 1000.0,
                evaluationNanos / 1e9,
                last == ActiveAlert.UNSET ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)),
                statuses);
    }

    /** The pending and firing alerts of the group's alerting rules, rule by rule. */
    List<RuleAlertStatus> alerts() {
        List<RuleAlertStatus> out = new ArrayList<>();
        for (AlertingRuleEvaluator r : alertingRules()) {
            out.addAll(r.alerts());
        }
        return out;
    }
}
