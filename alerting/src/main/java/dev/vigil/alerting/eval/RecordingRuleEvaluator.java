package dev.vigil.alerting.eval;

import dev.vigil.alerting.status.RecordingRuleStatus;
import dev.vigil.alerting.status.RuleStatus;
import dev.vigil.config.rules.Rule;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.value.Vector;
import java.util.HashSet;
import java.util.Set;

/** A recording rule: its result, renamed and relabelled, is appended as new series. */
final class RecordingRuleEvaluator extends RuleEvaluator {
    RecordingRuleEvaluator(Rule.RecordingRule definition, String query) {
        super(definition, query);
    }

    @Override
    Vector eval(long ts, long queryOffsetMs, RuleContext ctx, long limit) {
        long queryTime = ts - queryOffsetMs;
        Vector result = ctx.query.query(query, queryTime);
        Vector out = new Vector(result.size());
        LabelsBuilder builder = new LabelsBuilder();
        Set<Labels> seen = new HashSet<>();
        for (int i = 0; i < result.size(); i++) {
            builder.reset(result.labels(i)).set(Labels.METRIC_NAME, name());
            labels.forEach(builder::set);
            Labels series = builder.labels();
            if (!seen.add(series)) {
                throw new RuleEvaluationException(
                        "vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(series, result.value(i), queryTime, false);
        }
        if (limit > 0 && out.size() > limit) {
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }

    @Override
    synchronized RuleStatus status() {
        return new RecordingRuleStatus(
                name(), query, labels, health().apiName(), lastError(), evaluationSeconds(), lastEvaluation());
    }
}
