package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AggregateOp;
import dev.vigil.promql.functions.FloatFormat;
import dev.vigil.promql.functions.Stats;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Aggregation operators (querying/operators.md, "Aggregation operators") over one instant vector. */
final class Aggregations {
    private final Evaluator ev;
    private final RatioSampler ratioSampler = new RatioSampler();
    private final Map<Aggregate, Grouping.Keys> keys = new IdentityHashMap<>();

    Aggregations(Evaluator ev) {
        this.ev = ev;
    }

    Value eval(Aggregate a, long t) {
        Value param = a.param() == null ? null : ev.eval(a.param(), t);
        Vector in = (Vector) ev.eval(a.expr(), t);
        AggregateOp op = a.op();
        String[] grouping = a.grouping().toArray(new String[0]);
        boolean byName = !a.without() && a.grouping().contains(Labels.METRIC_NAME);
        int offset =
                a.param() == null ? a.position().start() : a.param().position().start();
        switch (op) {
            case TOPK:
            case BOTTOMK:
            case LIMITK:
            case LIMIT_RATIO:
                return selectK(a, op, param, in, offset);
            case COUNT_VALUES:
                return countValues(a, ((StringValue) param).value(), in, grouping, t);
            default:
                break;
        }
        double phi = Double.NaN;
        if (op == AggregateOp.QUANTILE) {
            phi = ((Scalar) param).value();
            ev.ctx().annotations().checkQuantile(phi, offset);
        }
        Grouping groups = group(a, in);
        int[][] members = groups.members();
        Vector out = new Vector(groups.count);
        double[] buf = new double[16];
        for (int g = 0; g < groups.count; g++) {
            int[] m = members[g];
            if (buf.length < m.length) {
                buf = new double[m.length * 2];
            }
            boolean drop = false;
            for (int k = 0; k < m.length; k++) {
                buf[k] = in.value(m[k]);
                drop |= in.dropName(m[k]);
            }
            out.add(groups.keys[g], aggregate(op, buf, m.length, phi), t, byName && drop);
        }
        return out;
    }

    /** The groups of {@code in}, with the aggregation's group keys remembered across steps. */
    private Grouping group(Aggregate a, Vector in) {
        Grouping.Keys k = keys.computeIfAbsent(a, Grouping.Keys::new);
        return Grouping.of(in.size(), in::labels, k);
    }

    private static double aggregate(AggregateOp op, double[] v, int n, double phi) {
        switch (op) {
            case SUM:
                return Stats.sum(v, 0, n);
            case AVG:
                return Stats.mean(v, 0, n);
            case COUNT:
                return n;
            case GROUP:
                return 1;
            case MIN:
                return Stats.min(v, 0, n);
            case MAX:
                return Stats.max(v, 0, n);
            case STDDEV:
                return Math.sqrt(Stats.variance(v, 0, n));
            case STDVAR:
                return Stats.variance(v, 0, n);
            case QUANTILE:
                return Stats.quantile(phi, Arrays.copyOf(v, n), n);
            default:
                throw new IllegalStateException("BUG: aggregation " + op + " is not a reduction");
        }
    }

    static Labels groupKey(LabelsBuilder b, Labels l, boolean without, String[] grouping) {
        b.reset(l);
        if (without) {
            b.del(grouping);
            b.del(Labels.METRIC_NAME);
        } else {
            b.keep(grouping);
        }
        return b.labels();
    }

    private Vector countValues(Aggregate a, String label, Vector in, String[] grouping, long t) {
        if (!LabelFunctions.isValidLabelName(label)) {
            throw new QueryException("invalid label name " + FloatFormat.goQuote(label));
        }
        Map<Labels, Integer> counts = new LinkedHashMap<>();
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < in.size(); i++) {
            groupKey(b, in.labels(i), a.without(), grouping);
            b.set(label, FloatFormat.plain(in.value(i)));
            counts.merge(b.labels(), 1, Integer::sum);
        }
        Vector out = new Vector(counts.size());
        counts.forEach((l, c) -> out.add(l, c, t, false));
        return out;
    }

    private Vector selectK(Aggregate a, AggregateOp op, Value param, Vector in, int offset) {
        double p = ((Scalar) param).value();
        long k = 0;
        double ratio = 0;
        if (op == AggregateOp.LIMIT_RATIO) {
            if (Double.isNaN(p)) {
                throw new QueryException("Ratio value is NaN");
            }
            ratio = p;
            if (p > 1 || p < -1) {
                ratio = p > 1 ? 1 : -1;
                ev.ctx()
                        .annotations()
                        .warn(
                                "ratio value should be between -1 and 1, got " + FloatFormat.format(p) + ", capping to "
                                        + FloatFormat.format(ratio),
                                offset);
            }
        } else {
            if (Double.isNaN(p)) {
                throw new QueryException("Parameter value is NaN");
            }
            if (p >= 0x1p63 || p < -0x1p63) {
                throw new QueryException("Scalar value " + FloatFormat.format(p) + " overflows int64");
            }
            k = (long) p;
            if (k < 1) {
                return new Vector(0);
            }
        }
        Vector out = new Vector(in.size());
        boolean top = op == AggregateOp.TOPK;
        for (int[] members : group(a, in).members()) {
            switch (op) {
                case LIMITK:
                    for (int i = 0; i < members.length && i < k; i++) {
                        out.addFrom(in, members[i]);
                    }
                    break;
                case LIMIT_RATIO:
                    for (int idx : members) {
                        if (ratioSampler.keep(in.labels(idx), ratio)) {
                            out.addFrom(in, idx);
                        }
                    }
                    break;
                default:
                    for (int idx : TopK.select(in, members, k, top)) {
                        out.addFrom(in, idx);
                    }
                    break;
            }
        }
        return out;
    }
}
