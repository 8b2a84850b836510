package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AggregateOp;
import dev.vigil.promql.functions.FloatFormat;
import dev.vigil.promql.functions.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregations over a whole range. Each input series' group is worked out once; reductions then run along the input
 * series in order, keeping per group and step the same running state a step-by-step reduction keeps over that step's
 * members in the same order, so results are identical to {@link Aggregations}'.
 */
final class RangeAggregations {
    private final RangeEvaluator range;
    private final EvalContext ctx;

    RangeAggregations(RangeEvaluator range) {
        this.range = range;
        this.ctx = range.ctx();
    }

    StepVector eval(Aggregate a) {
        double[] param = a.param() == null ? null : range.scalar(a.param());
        int offset =
                a.param() == null ? a.position().start() : a.param().position().start();
        if (a.op() == AggregateOp.QUANTILE) {
            for (int k = 0; k < range.steps(); k++) {
                ctx.annotations().checkQuantile(param[k], offset);
            }
        }
        StepVector out;
        if (a.op() == AggregateOp.TOPK || a.op() == AggregateOp.BOTTOMK) {
            out = selectK(a, param);
        } else if (a.op() == AggregateOp.QUANTILE) {
            StepVector in = range.vector(a.expr());
            Grouping groups = Grouping.of(in.size(), i -> in.get(i).labels, new Grouping.Keys(a));
            boolean byName = !a.without() && a.grouping().contains(Labels.METRIC_NAME);
            out = quantile(in, groups, byName, param);
            ctx.release(in.points());
        } else {
            out = reduce(a);
        }
        ctx.hold(out.points());
        return out;
    }

    /**
     * sum, avg, count, group, min, max, stddev, stdvar: the input is streamed, each series' group looked up once and
     * its values added to the group's running state at each step.
     */
    private StepVector reduce(Aggregate a) {
        int steps = range.steps();
        Grouping.Keys groupKeys = new Grouping.Keys(a);
        Map<Labels, Integer> index = new HashMap<>();
        List<Labels> keys = new ArrayList<>();
        List<Reduction> state = new ArrayList<>();
        range.stream(a.expr(), s -> {
            ctx.checkpoint();
            Labels key = groupKeys.of(s.labels);
            Integer g = index.get(key);
            if (g == null) {
                g = keys.size();
                index.put(key, g);
                keys.add(key);
                state.add(new Reduction(a.op(), steps));
            }
            state.get(g).addAll(s);
        });
        boolean byName = !a.without() && a.grouping().contains(Labels.METRIC_NAME);
        StepVector out = new StepVector(keys.size());
        for (int g = 0; g < keys.size(); g++) {
            state.get(g).emit(keys.get(g), byName, out);
        }
        return out;
    }

    private StepVector quantile(StepVector in, Grouping groups, boolean byName, double[] phi) {
        int steps = range.steps();
        int[][] members = groups.members();
        StepVector out = new StepVector(groups.count);
        double[] buf = new double[16];
        for (int g = 0; g < groups.count; g++) {
            ctx.checkpoint();
            StepSeries drop = null;
            StepSeries keep = null;
            for (int k = 0; k < steps; k++) {
                int n = 0;
                boolean dropsName = false;
                for (int i : members[g]) {
                    StepSeries s = in.get(i);
                    if (s.has(k)) {
                        if (n == buf.length) {
                            buf = Arrays.copyOf(buf, n * 2);
                        }
                        buf[n++] = s.value(k);
                        dropsName |= s.dropName;
                    }
                }
                if (n == 0) {
                    continue;
                }
                double v = Stats.quantile(phi[k], buf, n);
                if (byName && dropsName) {
                    drop = drop == null ? new StepSeries(groups.keys[g], true, steps) : drop;
                    drop.set(k, v);
                } else {
                    keep = keep == null ? new StepSeries(groups.keys[g], false, steps) : keep;
                    keep.set(k, v);
                }
            }
            out.add(keep);
            out.add(drop);
        }
        return out;
    }

    /**
     * topk and bottomk, streamed: each input series offers its value at each step to its group's per-step heaps; the
     * output holds the chosen input series at the steps they were chosen.
     */
    private StepVector selectK(Aggregate a, double[] param) {
        int steps = range.steps();
        long[] limits = new long[steps];
        for (int k = 0; k < steps; k++) {
            double p = param[k];
            if (Double.isNaN(p)) {
                throw new QueryException("Parameter value is NaN");
            }
            if (p >= 0x1p63 || p < -0x1p63) {
                throw new QueryException("Scalar value " + FloatFormat.format(p) + " overflows int64");
            }
            limits[k] = (long) p;
        }
        boolean top = a.op() == AggregateOp.TOPK;
        Grouping.Keys groupKeys = new Grouping.Keys(a);
        Map<Labels, Integer> index = new HashMap<>();
        List<StepHeaps> heaps = new ArrayList<>();
        List<Labels> inputLabels = new ArrayList<>();
        List<Boolean> inputDropName = new ArrayList<>();
        range.stream(a.expr(), s -> {
            ctx.checkpoint();
            Labels key = groupKeys.of(s.labels);
            Integer g = index.get(key);
            if (g == null) {
                g = heaps.size();
                index.put(key, g);
                heaps.add(new StepHeaps(top, limits));
            }
            StepHeaps h = heaps.get(g);
            int i = inputLabels.size();
            inputLabels.add(s.labels);
            inputDropName.add(s.dropName);
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                h.offer(k, i, s.value(k));
            }
        });
        StepSeries[] chosen = new StepSeries[inputLabels.size()];
        for (StepHeaps h : heaps) {
            for (int k = 0; k < steps; k++) {
                for (int e = 0; e < h.size(k); e++) {
                    int i = h.series(k, e);
                    if (chosen[i] == null) {
                        chosen[i] = new StepSeries(inputLabels.get(i), inputDropName.get(i), steps);
                    }
                    chosen[i].set(k, h.value(k, e));
                }
            }
        }
        StepVector out = new StepVector(chosen.length);
        for (StepSeries s : chosen) {
            out.add(s);
        }
        return out;
    }
}
