package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.functions.BucketQuantiles;
import dev.vigil.promql.functions.MathFunctions;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code histogram_quantile} over classic histograms for a whole range: each bucket series' histogram and bound are
 * worked out once; at each step the buckets present are collected in input order, as the step-by-step path does.
 */
final class RangeHistograms {
    private final RangeEvaluator range;
    private final EvalContext ctx;
    private final BucketQuantiles buckets = new BucketQuantiles();

    RangeHistograms(RangeEvaluator range) {
        this.range = range;
        this.ctx = range.ctx();
    }

    StepVector quantile(Call c) {
        int steps = range.steps();
        double[] phi = range.scalar(c.args().get(0));
        int phiOffset = c.args().get(0).position().start();
        for (int k = 0; k < steps; k++) {
            ctx.annotations().checkQuantile(phi[k], phiOffset);
        }
        StepVector in = range.vector(c.args().get(1));
        int argOffset = c.args().get(1).position().start();

        Map<Labels, Integer> index = new HashMap<>();
        LabelsBuilder b = new LabelsBuilder();
        int[] histogramOf = new int[in.size()];
        double[] upper = new double[in.size()];
        Labels[] histograms = new Labels[Math.max(1, in.size())];
        int count = 0;
        for (int i = 0; i < in.size(); i++) {
            Labels l = in.get(i).labels;
            Double bound = MathFunctions.parseGoFloat(l.get("le"));
            if (bound == null) {
                ctx.annotations().badBucketLabel(l, argOffset);
                histogramOf[i] = -1;
                continue;
            }
            upper[i] = bound;
            Labels key = b.reset(l).del("le").labels();
            Integer h = index.putIfAbsent(key, count);
            if (h == null) {
                histograms[count] = key;
                h = count++;
            }
            histogramOf[i] = h;
        }
        int[][] members = Grouping.members(histogramOf, count);

        StepVector out = new StepVector(count);
        for (int h = 0; h < count; h++) {
            ctx.checkpoint();
            StepSeries o = new StepSeries(histograms[h], true, steps);
            for (int k = 0; k < steps; k++) {
                buckets.reset();
                boolean any = false;
                for (int i : members[h]) {
                    StepSeries s = in.get(i);
                    if (s.has(k)) {
                        buckets.add(upper[i], s.value(k));
                        any = true;
                    }
                }
                if (!any) {
                    continue;
                }
                o.set(k, buckets.quantile(phi[k]));
                if (buckets.forcedMonotonic()) {
                    ctx.annotations().histogramForcedMonotonic(histograms[h].metricName(), argOffset);
                }
            }
            out.add(o);
        }
        ctx.release(in.points());
        ctx.hold(out.points());
        return out;
    }
}
