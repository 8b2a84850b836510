package dev.vigil.alerting.eval;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.Gauge;
import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.metrics.MetricRegistry;

/**
 * The rule manager's metrics, named like Prometheus's {@code prometheus_rule_*} with a {@code vigil_} prefix and
 * labelled by {@code rule_group} ({@code <file>;<group name>}). Register once per registry. Thread-safe.
 */
public final class RuleMetrics {
    private static final double[] DURATION_BUCKETS = {0.001, 0.01, 0.1, 1, 10};

    final Histogram evalDuration;
    final Histogram groupDuration;
    final Counter iterationsMissed;
    final Counter iterationsTotal;
    final Counter evaluations;
    final Counter evaluationFailures;
    final Gauge groupInterval;
    final Gauge groupLastEvaluation;
    final Gauge groupLastDuration;
    final Gauge groupLastRuleDurationSum;
    final Gauge groupLastRestoreDuration;
    final Gauge groupRules;
    final Gauge groupSamples;

    public RuleMetrics(MetricRegistry registry) {
        evalDuration = registry.histogram(
                "vigil_rule_evaluation_duration_seconds", "The duration for a rule to execute.", DURATION_BUCKETS);
        groupDuration = registry.histogram(
                "vigil_rule_group_duration_seconds", "The duration of rule group evaluations.", DURATION_BUCKETS);
        iterationsMissed = registry.counter(
                "vigil_rule_group_iterations_missed_total",
                "The total number of rule group evaluations missed due to slow rule group evaluation.",
                "rule_group");
        iterationsTotal = registry.counter(
                "vigil_rule_group_iterations_total",
                "The total number of scheduled rule group evaluations, whether executed or missed.",
                "rule_group");
        evaluations =
                registry.counter("vigil_rule_evaluations_total", "The total number of rule evaluations.", "rule_group");
        evaluationFailures = registry.counter(
                "vigil_rule_evaluation_failures_total", "The total number of rule evaluation failures.", "rule_group");
        groupInterval =
                registry.gauge("vigil_rule_group_interval_seconds", "The interval of a rule group.", "rule_group");
        groupLastEvaluation = registry.gauge(
                "vigil_rule_group_last_evaluation_timestamp_seconds",
                "The timestamp of the last rule group evaluation in seconds.",
                "rule_group");
        groupLastDuration = registry.gauge(
                "vigil_rule_group_last_duration_seconds",
                "The duration of the last rule group evaluation.",
                "rule_group");
        groupLastRuleDurationSum = registry.gauge(
                "vigil_rule_group_last_rule_duration_sum_seconds",
                "The sum of time in seconds it took to evaluate each rule in the group.",
                "rule_group");
        groupLastRestoreDuration = registry.gauge(
                "vigil_rule_group_last_restore_duration_seconds",
                "The duration of the last alert rules alerts restoration using the ALERTS_FOR_STATE series.",
                "rule_group");
        groupRules = registry.gauge("vigil_rule_group_rules", "The number of rules.", "rule_group");
        groupSamples = registry.gauge(
                "vigil_rule_group_last_evaluation_samples",
                "The number of samples returned during the last rule group evaluation.",
                "rule_group");
    }

    /** Creates the group's series so they are exported (as zero) before its first evaluation. */
    void addGroup(String key, double intervalSeconds, int rules) {
        iterationsMissed.labels(key);
        iterationsTotal.labels(key);
        evaluations.labels(key);
        evaluationFailures.labels(key);
        groupLastEvaluation.labels(key);
        groupLastDuration.labels(key);
        groupLastRuleDurationSum.labels(key);
        groupSamples.labels(key);
        groupInterval.labels(key).set(intervalSeconds);
        groupRules.labels(key).set(rules);
    }

    /** Stops exporting a removed group. */
    void removeGroup(String key) {
        iterationsMissed.remove(key);
        iterationsTotal.remove(key);
        evaluations.remove(key);
        evaluationFailures.remove(key);
        groupInterval.remove(key);
        groupLastEvaluation.remove(key);
        groupLastDuration.remove(key);
        groupLastRuleDurationSum.remove(key);
        groupLastRestoreDuration.remove(key);
        groupRules.remove(key);
        groupSamples.remove(key);
    }
}
