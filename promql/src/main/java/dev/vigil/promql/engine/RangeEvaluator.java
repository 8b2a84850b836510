package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Querier;
import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.BinaryOp;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.functions.MathFunctions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates a range query over all its steps at once, series by series: a selector reads each series from storage
 * once and walks it with cursors instead of binary-searching it at every step, a window function slides its window
 * along, an aggregation works out each input series' group once. Used for the expressions {@link RangeSupport}
 * accepts; it computes exactly what {@link Evaluator} computes step by step, with the same kernels, in the same order
 * of operands, with the same errors and annotations.
 *
 * <p>Scalars are {@code double[steps]}. Instant vectors are either materialized as a {@link StepVector} or, where the
 * consumer takes one series at a time (a sum, a function of each element), streamed through {@link #stream} without
 * ever holding more than one input series. One instance per query and thread.
 */
final class RangeEvaluator {
    /** Receives the series of an instant vector one at a time; the series is valid only during the call. */
    interface SeriesConsumer {
        void accept(StepSeries s);
    }

    private final Evaluator ev;
    private final Querier querier;
    private final EvalContext ctx;
    private final long gridStart;
    private final long gridStep;
    private final int steps;
    /** Whether the steps are the query's own, whose samples the query's per-step statistics count. */
    private final boolean topLevel;

    private final RangeSelections selections;
    private final RangeAggregations aggregations;
    private final RangeBinaryOperations binary;
    private final RangeHistograms histograms;

    /** Evaluates at the query's steps. */
    RangeEvaluator(Evaluator ev, Querier querier) {
        this(
                ev,
                querier,
                ev.ctx().start(),
                ev.ctx().step(),
                (int) ((ev.ctx().end() - ev.ctx().start()) / ev.ctx().step()) + 1,
                true);
    }

    /** Evaluates at {@code steps} times {@code gridStart + k * gridStep}: a subquery's own steps. */
    private RangeEvaluator(Evaluator ev, Querier querier, long gridStart, long gridStep, int steps, boolean topLevel) {
        this.ev = ev;
        this.querier = querier;
        this.ctx = ev.ctx();
        this.gridStart = gridStart;
        this.gridStep = gridStep;
        this.steps = steps;
        this.topLevel = topLevel;
        this.selections = new RangeSelections(this);
        this.aggregations = new RangeAggregations(this);
        this.binary = new RangeBinaryOperations(this);
        this.histograms = new RangeHistograms(this);
    }

    EvalContext ctx() {
        return ctx;
    }

    int steps() {
        return steps;
    }

    /** The evaluation time of step {@code k}. */
    long time(int k) {
        return gridStart + k * gridStep;
    }

    /** Milliseconds between steps. */
    long step() {
        return gridStep;
    }

    /** An evaluator of a subquery's expression at its own steps: the multiples of {@code step} in {@code (from, to]}. */
    RangeEvaluator subqueryGrid(long from, long to, long step) {
        long first = Math.floorDiv(from, step) * step;
        if (first <= from) {
            first += step;
        }
        long last = Math.floorDiv(to, step) * step;
        int n = last < first ? 0 : (int) ((last - first) / step) + 1;
        return new RangeEvaluator(ev, querier, first, step, n, false);
    }

    /**
     * Counts the samples a selector or window function processed at each step in the query's statistics. As in
     * Prometheus, a subquery's inner evaluation is not counted, only the windows over its results.
     */
    void processed(long[] perStep) {
        if (!topLevel) {
            return;
        }
        for (int k = 0; k < perStep.length; k++) {
            if (perStep[k] != 0) {
                ctx.processedAt(k, perStep[k]);
            }
        }
    }

    SelectorReader reader(VectorSelector vs) {
        if (querier == null) {
            throw new IllegalStateException("BUG: selector " + vs + " without a querier");
        }
        return ev.reader(querier, vs);
    }

    /**
     * Evaluates an instant-vector expression into memory. Its samples are held ({@link EvalContext#hold}) until the
     * caller {@link EvalContext#release}s them.
     */
    StepVector vector(Expr e) {
        ctx.checkNow();
        e = RangeSupport.unwrap(e);
        if (e instanceof Aggregate a) {
            return aggregations.eval(a);
        } else if (e instanceof Binary b && vectorOperands(b)) {
            return binary.vector(b);
        } else if (e instanceof Call c && c.function().name().equals("histogram_quantile")) {
            return histograms.quantile(c);
        } else if (e instanceof Call c
                && (c.function().name().equals("label_replace")
                        || c.function().name().equals("label_join"))) {
            return relabel(c);
        } else if (e instanceof Call c && c.function().name().equals("vector")) {
            double[] v = scalar(c.args().get(0));
            StepSeries s = new StepSeries(Labels.EMPTY, false, steps);
            for (int k = 0; k < steps; k++) {
                s.set(k, v[k]);
            }
            StepVector out = new StepVector(1);
            out.add(s);
            ctx.hold(out.points());
            return out;
        }
        StepVector out = new StepVector(16);
        stream(e, s -> {
            out.add(s.copy());
            ctx.hold(s.count());
        });
        return out;
    }

    /**
     * label_replace and label_join: each input series' labels mapped once; series that end up with the same labels
     * fail the query if they have elements at the same step, as the step-by-step path finds at that step.
     */
    private StepVector relabel(Call c) {
        List<String> args = new ArrayList<>();
        args.add(null);
        for (int i = 1; i < c.args().size(); i++) {
            args.add(((StringLiteral) RangeSupport.unwrap(c.args().get(i))).value());
        }
        LabelFunctions f = LabelFunctions.of(c, args);
        StepVector out = new StepVector(16);
        Map<Labels, long[]> taken = new HashMap<>();
        stream(c.args().get(0), s -> {
            Labels l = f.labels(s.labels);
            long[] bits = s.presentWords();
            long[] union = taken.get(l);
            if (union == null) {
                taken.put(l, bits.clone());
            } else {
                for (int w = 0; w < bits.length; w++) {
                    if ((union[w] & bits[w]) != 0) {
                        throw new QueryException("vector cannot contain metrics with the same labelset");
                    }
                    union[w] |= bits[w];
                }
            }
            out.add(s.copy(l, f.dropName(s.labels, s.dropName)));
            ctx.hold(s.count());
        });
        return out;
    }

    /** Passes the series of an instant-vector expression to {@code consumer} one at a time, in result order. */
    void stream(Expr e, SeriesConsumer consumer) {
        ctx.checkNow();
        e = RangeSupport.unwrap(e);
        if (e instanceof VectorSelector vs) {
            selections.instant(vs, consumer);
        } else if (e instanceof Call c && WindowFunction.of(c.function().name()) != null) {
            selections.window(c, WindowFunction.of(c.function().name()), consumer);
        } else if (e instanceof Call c
                && RangeSupport.ELEMENTWISE.contains(c.function().name())) {
            elementwise(c, consumer);
        } else if (e instanceof Unary u) {
            if (u.negate()) {
                map(u.expr(), null, (k, v) -> -v, consumer);
            } else {
                stream(u.expr(), consumer);
            }
        } else if (e instanceof Binary b && !vectorOperands(b)) {
            vectorScalar(b, consumer);
        } else {
            StepVector v = vector(e);
            for (int i = 0; i < v.size(); i++) {
                consumer.accept(v.get(i));
            }
            ctx.release(v.points());
        }
    }

    private static boolean vectorOperands(Binary b) {
        return b.lhs().type() == ValueType.INSTANT_VECTOR && b.rhs().type() == ValueType.INSTANT_VECTOR;
    }

    /** Evaluates a scalar expression: its value at each step. */
    double[] scalar(Expr e) {
        if (e instanceof NumberLiteral n) {
            double[] out = new double[steps];
            Arrays.fill(out, n.value());
            return out;
        } else if (e instanceof Paren p) {
            return scalar(p.expr());
        } else if (e instanceof Unary u) {
            double[] in = scalar(u.expr());
            if (u.negate()) {
                for (int k = 0; k < steps; k++) {
                    in[k] = -in[k];
                }
            }
            return in;
        } else if (e instanceof Binary b) {
            double[] l = scalar(b.lhs());
            double[] r = scalar(b.rhs());
            for (int k = 0; k < steps; k++) {
                l[k] = BinaryOperations.scalarOp(b.op(), l[k], r[k]);
            }
            return l;
        } else if (e instanceof Call c) {
            return scalarCall(c);
        }
        throw new IllegalStateException("BUG: cannot evaluate " + e.getClass().getSimpleName() + " over a range");
    }

    private double[] scalarCall(Call c) {
        double[] out = new double[steps];
        switch (c.function().name()) {
            case "time":
                for (int k = 0; k < steps; k++) {
                    out[k] = time(k) / 1000.0;
                }
                return out;
            case "pi":
                Arrays.fill(out, Math.PI);
                return out;
            case "scalar": {
                int[] present = new int[steps];
                stream(c.args().get(0), s -> {
                    for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                        present[k]++;
                        out[k] = s.value(k);
                    }
                });
                for (int k = 0; k < steps; k++) {
                    if (present[k] != 1) {
                        out[k] = Double.NaN;
                    }
                }
                return out;
            }
            default:
                throw new IllegalStateException(
                        "BUG: scalar function " + c.function().name() + " over a range");
        }
    }

    private void elementwise(Call c, SeriesConsumer consumer) {
        String name = c.function().name();
        Expr arg = c.args().get(0);
        switch (name) {
            case "round": {
                double[] to = c.args().size() > 1 ? scalar(c.args().get(1)) : null;
                map(arg, null, (k, v) -> MathFunctions.round(v, to == null ? 1 : to[k]), consumer);
                return;
            }
            case "clamp": {
                double[] min = scalar(c.args().get(1));
                double[] max = scalar(c.args().get(2));
                // clamp() with max < min has no elements at that step.
                map(arg, k -> !(max[k] < min[k]), (k, v) -> Math.max(min[k], Math.min(max[k], v)), consumer);
                return;
            }
            case "clamp_min": {
                double[] min = scalar(c.args().get(1));
                map(arg, null, (k, v) -> Math.max(min[k], v), consumer);
                return;
            }
            case "clamp_max": {
                double[] max = scalar(c.args().get(1));
                map(arg, null, (k, v) -> Math.min(max[k], v), consumer);
                return;
            }
            default:
                DoubleUnaryOperator f = MathFunctions.unary(name);
                if (f == null) {
                    throw new IllegalStateException("BUG: function " + name + " over a range");
                }
                map(arg, null, (k, v) -> f.applyAsDouble(v), consumer);
        }
    }

    /** A function of the step and the value of one element. */
    interface StepFunction {
        double apply(int step, double v);
    }

    /** A step filter: whether elements exist at a step. */
    interface StepFilter {
        boolean keep(int step);
    }

    /** {@code f} of every element at the steps {@code keep} accepts (all when null); the name is dropped. */
    private void map(Expr in, StepFilter keep, StepFunction f, SeriesConsumer consumer) {
        StepSeries o = new StepSeries(null, true, steps);
        stream(in, s -> {
            o.reset(s.labels, true);
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                if (keep == null || keep.keep(k)) {
                    o.set(k, f.apply(k, s.value(k)));
                }
            }
            if (o.count() > 0) {
                consumer.accept(o);
            }
        });
    }

    /** Arithmetic or a comparison between each element of a vector and a scalar. */
    private void vectorScalar(Binary b, SeriesConsumer consumer) {
        boolean scalarLeft = b.lhs().type() == ValueType.SCALAR;
        double[] s = scalar(scalarLeft ? b.lhs() : b.rhs());
        BinaryOp op = b.op();
        boolean comparison = op.isComparison();
        boolean returnBool = b.returnBool();
        StepSeries o = new StepSeries(null, true, steps);
        stream(scalarLeft ? b.rhs() : b.lhs(), in -> {
            o.reset(in.labels, !comparison || returnBool || in.dropName);
            for (int k = in.nextStep(0); k >= 0; k = in.nextStep(k + 1)) {
                double v = in.value(k);
                double l = scalarLeft ? s[k] : v;
                double r = scalarLeft ? v : s[k];
                if (comparison) {
                    boolean kept = BinaryOperations.compare(op, l, r);
                    if (returnBool) {
                        o.set(k, kept ? 1 : 0);
                    } else if (kept) {
                        o.set(k, v);
                    }
                } else {
                    o.set(k, BinaryOperations.arithmetic(op, l, r));
                }
            }
            if (o.count() > 0) {
                consumer.accept(o);
            }
        });
    }
}
