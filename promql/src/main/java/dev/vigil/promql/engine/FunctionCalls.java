package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatchType;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.functions.BucketQuantiles;
import dev.vigil.promql.functions.FloatFormat;
import dev.vigil.promql.functions.MathFunctions;
import dev.vigil.promql.functions.UnixCalendar;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** Evaluates function calls (querying/functions.md) by dispatching on the function name. */
final class FunctionCalls {
    private static final Set<String> EVAL_TIME_DEPENDENT = Set.of(
            "time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year");

    private final Evaluator ev;
    private final BucketQuantiles buckets = new BucketQuantiles();
    private final WindowFunction.Scratch windowScratch = new WindowFunction.Scratch();
    private final Map<Call, LabelFunctions> labelFunctions = new IdentityHashMap<>();

    FunctionCalls(Evaluator ev) {
        this.ev = ev;
    }

    /** Whether the call reads the evaluation time itself (not only through its arguments). */
    static boolean dependsOnEvalTime(Call c) {
        String name = c.function().name();
        return name.equals("time")
                || (EVAL_TIME_DEPENDENT.contains(name) && c.args().isEmpty());
    }

    Value call(Call c, long t) {
        String name = c.function().name();
        switch (name) {
            case "time":
                return new Scalar(t / 1000.0);
            case "pi":
                return new Scalar(Math.PI);
            case "start":
                return new Scalar(ev.ctx().start() / 1000.0);
            case "end":
                return new Scalar(ev.ctx().end() / 1000.0);
            case "step":
                return new Scalar(ev.ctx().step() / 1000.0);
            case "range":
                return new Scalar((ev.ctx().end() - ev.ctx().start()) / 1000.0);
            case "min_of":
                return new Scalar(Math.min(scalarArg(c, 0, t), scalarArg(c, 1, t)));
            case "max_of":
                return new Scalar(Math.max(scalarArg(c, 0, t), scalarArg(c, 1, t)));
            case "vector": {
                Vector out = new Vector(1);
                out.add(Labels.EMPTY, scalarArg(c, 0, t), t, false);
                return out;
            }
            case "scalar": {
                Vector v = vectorArg(c, 0, t);
                return new Scalar(v.size() == 1 ? v.value(0) : Double.NaN);
            }
            case "round": {
                double to = c.args().size() > 1 ? scalarArg(c, 1, t) : 1;
                return map(c, t, v -> MathFunctions.round(v, to));
            }
            case "clamp": {
                double min = scalarArg(c, 1, t);
                double max = scalarArg(c, 2, t);
                if (max < min) {
                    return new Vector(0);
                }
                return map(c, t, v -> Math.max(min, Math.min(max, v)));
            }
            case "clamp_min": {
                double min = scalarArg(c, 1, t);
                return map(c, t, v -> Math.max(min, v));
            }
            case "clamp_max": {
                double max = scalarArg(c, 1, t);
                return map(c, t, v -> Math.min(max, v));
            }
            case "timestamp": {
                Vector in = vectorArg(c, 0, t);
                Vector out = new Vector(in.size());
                for (int i = 0; i < in.size(); i++) {
                    out.add(in.labels(i), in.timestamp(i) / 1000.0, t, true);
                }
                return out;
            }
            case "day_of_month":
            case "day_of_week":
            case "day_of_year":
            case "days_in_month":
            case "hour":
            case "minute":
            case "month":
            case "year":
                return dateFunction(c, name, t);
            case "label_replace":
                return labelFunction(c, t).apply(vectorArg(c, 0, t));
            case "label_join":
                return labelFunction(c, t).apply(vectorArg(c, 0, t));
            case "sort":
            case "sort_desc":
                if (ev.ctx().isRangeQuery()) {
                    warnSortInRange(c);
                }
                return Sorting.byValue(vectorArg(c, 0, t), name.equals("sort_desc"));
            case "sort_by_label":
            case "sort_by_label_desc":
                if (ev.ctx().isRangeQuery()) {
                    warnSortInRange(c);
                }
                return Sorting.byLabels(
                        vectorArg(c, 0, t),
                        stringArgs(c, t).subList(1, c.args().size()),
                        name.equals("sort_by_label_desc"));
            case "absent": {
                Vector in = vectorArg(c, 0, t);
                return in.isEmpty() ? absentResult(c.args().get(0), t) : new Vector(0);
            }
            case "absent_over_time": {
                Matrix in = matrixArg(c, 0, t);
                return in.series().isEmpty() ? absentResult(c.args().get(0), t) : new Vector(0);
            }
            case "histogram_quantile":
                return histogramQuantile(c, t);
            case "histogram_fraction":
                return histogramFraction(c, t);
            case "histogram_count":
            case "histogram_sum":
            case "histogram_avg":
            case "histogram_stddev":
            case "histogram_stdvar":
                // These read native histograms only and ignore float samples; without native histograms in storage
                // every input is a float, so the result is empty, as in Prometheus for float input.
                vectorArg(c, 0, t);
                return new Vector(0);
            case "histogram_quantiles":
                return histogramQuantiles(c, t);
            case "info":
            case "start_timestamp":
                throw new QueryException("function " + name + "() is experimental and not supported by this engine");
            default:
                DoubleUnaryOperator unary = MathFunctions.unary(name);
                if (unary != null) {
                    return map(c, t, unary);
                }
                WindowFunction window = WindowFunction.of(name);
                if (window == null) {
                    throw new IllegalStateException("BUG: no implementation for function " + name);
                }
                return RangeCalls.call(this, c, window, t);
        }
    }

    Evaluator evaluator() {
        return ev;
    }

    WindowFunction.Scratch windowScratch() {
        return windowScratch;
    }

    private void warnSortInRange(Call c) {
        ev.ctx()
                .annotations()
                .warn(
                        "sort is ineffective for range queries since results are always ordered by labels",
                        c.position().start());
    }

    Vector vectorArg(Call c, int i, long t) {
        return (Vector) ev.eval(c.args().get(i), t);
    }

    Matrix matrixArg(Call c, int i, long t) {
        return (Matrix) ev.eval(c.args().get(i), t);
    }

    double scalarArg(Call c, int i, long t) {
        return ((Scalar) ev.eval(c.args().get(i), t)).value();
    }

    /** The call's label function, checked once and reused at every step (its arguments are string literals). */
    private LabelFunctions labelFunction(Call c, long t) {
        LabelFunctions f = labelFunctions.get(c);
        if (f == null) {
            f = LabelFunctions.of(c, stringArgs(c, t));
            labelFunctions.put(c, f);
        }
        return f;
    }

    private List<String> stringArgs(Call c, long t) {
        String[] out = new String[c.args().size()];
        for (int i = 1; i < out.length; i++) {
            out[i] = ((StringValue) ev.eval(c.args().get(i), t)).value();
        }
        return java.util.Arrays.asList(out);
    }

    private Vector map(Call c, long t, DoubleUnaryOperator f) {
        Vector in = vectorArg(c, 0, t);
        Vector out = new Vector(in.size());
        for (int i = 0; i < in.size(); i++) {
            out.add(in.labels(i), f.applyAsDouble(in.value(i)), t, true);
        }
        return out;
    }

    private Vector dateFunction(Call c, String name, long t) {
        Vector in;
        if (c.args().isEmpty()) {
            in = new Vector(1);
            in.add(Labels.EMPTY, t / 1000.0, t, false);
        } else {
            in = vectorArg(c, 0, t);
        }
        UnixCalendar.Field field = UnixCalendar.Field.valueOf(name.toUpperCase(Locale.ROOT));
        Vector out = new Vector(in.size());
        for (int i = 0; i < in.size(); i++) {
            out.add(in.labels(i), UnixCalendar.field(field, in.value(i)), t, true);
        }
        return out;
    }

    /** The labels {@code absent} reports: the selector's equality matchers, minus names matched more than once. */
    private static Vector absentResult(Expr arg, long t) {
        while (arg instanceof Paren p) {
            arg = p.expr();
        }
        VectorSelector vs = arg instanceof VectorSelector v ? v : arg instanceof MatrixSelector m ? m.selector() : null;
        LabelsBuilder b = new LabelsBuilder();
        if (vs != null) {
            Map<String, Integer> seen = new HashMap<>();
            for (LabelMatcher m : vs.matchers()) {
                seen.merge(m.name(), 1, Integer::sum);
            }
            for (LabelMatcher m : vs.matchers()) {
                if (m.type() == MatchType.EQUAL && !m.name().equals(Labels.METRIC_NAME) && seen.get(m.name()) == 1) {
                    b.set(m.name(), m.value());
                }
            }
        }
        Vector out = new Vector(1);
        out.add(b.labels(), 1, t, false);
        return out;
    }

    private Vector histogramQuantile(Call c, long t) {
        double phi = scalarArg(c, 0, t);
        ev.ctx().annotations().checkQuantile(phi, c.args().get(0).position().start());
        int argOffset = c.args().get(1).position().start();
        Map<Labels, BucketGroup> groups = bucketGroups(vectorArg(c, 1, t), argOffset);
        Vector out = new Vector(groups.size());
        for (Map.Entry<Labels, BucketGroup> g : groups.entrySet()) {
            g.getValue().fill(buckets);
            double q = buckets.quantile(phi);
            warnIfForcedMonotonic(g.getValue(), argOffset);
            out.add(g.getKey(), q, t, true);
        }
        return out;
    }

    /** histogram_quantiles(v, "label", φ...): one series per group and φ, told apart by the label. */
    private Vector histogramQuantiles(Call c, long t) {
        String label = ((StringValue) ev.eval(c.args().get(1), t)).value();
        if (!LabelFunctions.isValidLabelName(label)) {
            throw new QueryException("invalid quantile label name " + FloatFormat.goQuote(label));
        }
        int count = c.args().size() - 2;
        double[] phis = new double[count];
        String[] names = new String[count];
        for (int k = 0; k < count; k++) {
            phis[k] = scalarArg(c, k + 2, t);
            ev.ctx()
                    .annotations()
                    .checkQuantile(phis[k], c.args().get(k + 2).position().start());
            String q = FloatFormat.plain(phis[k]);
            names[k] = q.matches("-?\\d+") ? q + ".0" : q;
        }
        int argOffset = c.args().get(0).position().start();
        Map<Labels, BucketGroup> groups = bucketGroups(vectorArg(c, 0, t), argOffset);
        Vector out = new Vector(groups.size() * count);
        LabelsBuilder b = new LabelsBuilder();
        for (Map.Entry<Labels, BucketGroup> g : groups.entrySet()) {
            for (int k = 0; k < count; k++) {
                g.getValue().fill(buckets);
                double q = buckets.quantile(phis[k]);
                warnIfForcedMonotonic(g.getValue(), argOffset);
                out.add(b.reset(g.getKey()).set(label, names[k]).labels(), q, t, true);
            }
        }
        return out;
    }

    private void warnIfForcedMonotonic(BucketGroup g, int argOffset) {
        if (buckets.forcedMonotonic()) {
            ev.ctx().annotations().histogramForcedMonotonic(g.metricName, argOffset);
        }
    }

    private Vector histogramFraction(Call c, long t) {
        double lower = scalarArg(c, 0, t);
        double upper = scalarArg(c, 1, t);
        Map<Labels, BucketGroup> groups =
                bucketGroups(vectorArg(c, 2, t), c.args().get(2).position().start());
        Vector out = new Vector(groups.size());
        for (Map.Entry<Labels, BucketGroup> g : groups.entrySet()) {
            g.getValue().fill(buckets);
            out.add(g.getKey(), buckets.fraction(lower, upper), t, true);
        }
        return out;
    }

    /** Bucket series grouped by their labels without {@code le}; series with a bad {@code le} are warned about. */
    private Map<Labels, BucketGroup> bucketGroups(Vector in, int argOffset) {
        Map<Labels, BucketGroup> groups = new LinkedHashMap<>();
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < in.size(); i++) {
            Labels l = in.labels(i);
            String le = l.get("le");
            Double upper = MathFunctions.parseGoFloat(le);
            if (upper == null) {
                ev.ctx().annotations().badBucketLabel(l, argOffset);
                continue;
            }
            b.reset(l);
            b.del("le");
            groups.computeIfAbsent(b.labels(), k -> new BucketGroup(l.metricName()))
                    .add(upper, in.value(i));
        }
        return groups;
    }

    /** The buckets of one classic histogram at one evaluation time. */
    private static final class BucketGroup {
        final String metricName;
        private double[] upper = new double[8];
        private double[] counts = new double[8];
        private int n;

        BucketGroup(String metricName) {
            this.metricName = metricName;
        }

        void add(double u, double c) {
            if (n == upper.length) {
                upper = java.util.Arrays.copyOf(upper, n * 2);
                counts = java.util.Arrays.copyOf(counts, n * 2);
            }
            upper[n] = u;
            counts[n] = c;
            n++;
        }

        void fill(BucketQuantiles b) {
            b.reset();
            for (int i = 0; i < n; i++) {
                b.add(upper[i], counts[i]);
            }
        }
    }
}
