package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates an expression tree at one timestamp at a time; a range query calls {@link #eval} once per step. Selectors
 * read their series from storage once ({@link #load}) and then binary-search the loaded arrays at each step. Results of
 * subtrees that cannot change between steps (literals, {@code @}-pinned selectors) are computed once and reused.
 *
 * <p>One evaluator serves one query on one thread.
 */
final class Evaluator {
    private final EvalContext ctx;
    private final Map<VectorSelector, SelectorRanges.Need> needs;
    private final Map<VectorSelector, LoadedSeries[]> loaded = new IdentityHashMap<>();
    private final Map<Expr, Boolean> invariant = new IdentityHashMap<>();
    private final Map<Expr, Value> invariantResults = new IdentityHashMap<>();
    /** Per subquery, its inner values at the times of the last window it was evaluated for. */
    private final Map<Subquery, Map<Long, Value>> subqueryValues = new IdentityHashMap<>();
    /** Subtrees evaluated over the whole range beforehand: {@link StepVector} or {@code double[]} per step. */
    private final Map<Expr, Object> precomputed = new IdentityHashMap<>();

    private final FunctionCalls functions;
    private final BinaryOperations binary;
    private final Aggregations aggregations;

    Evaluator(EvalContext ctx, Expr root) {
        this.ctx = ctx;
        this.needs = SelectorRanges.of(root, ctx);
        this.functions = new FunctionCalls(this);
        this.binary = new BinaryOperations(this);
        this.aggregations = new Aggregations(this);
    }

    EvalContext ctx() {
        return ctx;
    }

    /** Reads every selector's series from one querier covering all of them, except those in {@code skip}. */
    void load(Querier querier, Set<VectorSelector> skip) {
        for (Map.Entry<VectorSelector, SelectorRanges.Need> e : needs.entrySet()) {
            if (!skip.contains(e.getKey())) {
                loaded.put(e.getKey(), read(querier, e.getKey(), e.getValue()));
            }
        }
    }

    /**
     * Evaluates {@code e} over all steps of the range query at once; at each step {@link #eval} then returns its
     * value at that step. Returns the samples it holds.
     */
    long precompute(Expr e, RangeEvaluator range) {
        if (e.type() == ValueType.SCALAR) {
            precomputed.put(e, range.scalar(e));
            return 0;
        }
        StepVector v = range.vector(e);
        precomputed.put(e, v);
        return v.points();
    }

    /** The value of a precomputed expression at evaluation time {@code t}, one of the query's steps. */
    private Value slice(Object pre, long t) {
        long offset = t - ctx.start();
        if (!ctx.isRangeQuery() || offset % ctx.step() != 0) {
            throw new IllegalStateException("BUG: whole-range value asked for at " + t + ", not a step");
        }
        int k = (int) (offset / ctx.step());
        if (pre instanceof double[] scalar) {
            return new Scalar(scalar[k]);
        }
        StepVector v = (StepVector) pre;
        Vector out = new Vector(v.size());
        for (int i = 0; i < v.size(); i++) {
            StepSeries s = v.get(i);
            if (s.has(k)) {
                out.add(s.labels, s.value(k), t, s.dropName);
            }
        }
        return out;
    }

    /** The time range of samples {@code vs} reads. */
    SelectorRanges.Need need(VectorSelector vs) {
        return needs.get(vs);
    }

    /** The samples loaded for {@code vs} by {@link #load}. */
    LoadedSeries[] loaded(VectorSelector vs) {
        return loaded.get(vs);
    }

    /** The overall {@code [minT, maxT]} of samples the query reads, or null when it reads none. */
    long[] overallRange() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (SelectorRanges.Need n : needs.values()) {
            lo = Math.min(lo, n.minT);
            hi = Math.max(hi, n.maxT);
        }
        return needs.isEmpty() ? null : new long[] {lo, hi};
    }

    private LoadedSeries[] read(Querier querier, VectorSelector vs, SelectorRanges.Need need) {
        SelectorReader reader = new SelectorReader(querier, vs, need, ctx);
        List<LoadedSeries> out = new ArrayList<>();
        while (reader.next()) {
            out.add(reader.copy());
        }
        return out.toArray(new LoadedSeries[0]);
    }

    /** A reader of {@code vs}'s series for evaluations that consume them one at a time. */
    SelectorReader reader(Querier querier, VectorSelector vs) {
        return new SelectorReader(querier, vs, needs.get(vs), ctx);
    }

    /** Evaluates {@code e} at time {@code t} (milliseconds). */
    Value eval(Expr e, long t) {
        Object pre = precomputed.get(e);
        if (pre != null) {
            return slice(pre, t);
        }
        if (e instanceof NumberLiteral n) {
            return new Scalar(n.value());
        } else if (e instanceof StringLiteral s) {
            return new StringValue(s.value());
        } else if (e instanceof Paren p) {
            return eval(p.expr(), t);
        }
        if (isInvariant(e)) {
            Value cached = invariantResults.get(e);
            if (cached == null) {
                cached = evalUncached(e, t);
                invariantResults.put(e, cached);
            } else {
                ctx.addSamples(sizeOf(cached));
            }
            return restamped(e, cached, t);
        }
        return evalUncached(e, t);
    }

    /**
     * A reused vector carries the current evaluation time, as a freshly computed one would; only a selector's own
     * output keeps its samples' timestamps (they are what {@code timestamp()} reports).
     */
    private static Value restamped(Expr e, Value v, long t) {
        if (!(v instanceof Vector vec) || e instanceof VectorSelector) {
            return v;
        }
        Vector out = new Vector(vec.size());
        for (int i = 0; i < vec.size(); i++) {
            out.add(vec.labels(i), vec.value(i), t, vec.dropName(i));
        }
        return out;
    }

    private static long sizeOf(Value v) {
        if (v instanceof Vector vec) {
            return vec.size();
        } else if (v instanceof Matrix m) {
            return m.sampleCount();
        }
        return 0;
    }

    private Value evalUncached(Expr e, long t) {
        ctx.checkpoint();
        if (e instanceof VectorSelector vs) {
            return instantSelect(vs, t);
        } else if (e instanceof MatrixSelector ms) {
            return rangeSelect(ms, t);
        } else if (e instanceof Subquery sq) {
            return subquery(sq, t);
        } else if (e instanceof Call c) {
            return functions.call(c, t);
        } else if (e instanceof Binary b) {
            return binary.eval(b, t);
        } else if (e instanceof Aggregate a) {
            return aggregations.eval(a, t);
        } else if (e instanceof Unary u) {
            return unary(u, t);
        }
        throw new IllegalStateException("BUG: cannot evaluate " + e.getClass().getSimpleName());
    }

    private Value unary(Unary u, long t) {
        Value v = eval(u.expr(), t);
        if (!u.negate()) {
            return v;
        }
        if (v instanceof Scalar s) {
            return new Scalar(-s.value());
        }
        Vector in = (Vector) v;
        Vector out = new Vector(in.size());
        for (int i = 0; i < in.size(); i++) {
            out.add(in.labels(i), -in.value(i), t, true);
        }
        return out;
    }

    Vector instantSelect(VectorSelector vs, long t) {
        long te = ctx.atTime(vs.at(), t) - ctx.offsetMs(vs);
        long from = te - ctx.lookbackMs();
        LoadedSeries[] series = loaded.get(vs);
        Vector out = new Vector(series.length);
        for (LoadedSeries s : series) {
            int i = s.firstAfter(te) - 1;
            if (i >= 0 && s.timestamps()[i] > from && !StaleMarker.isStaleNaN(s.values()[i])) {
                out.add(s.labels(), s.values()[i], s.timestamps()[i], false);
            }
        }
        ctx.addSamples(out.size());
        return out;
    }

    Matrix rangeSelect(MatrixSelector ms, long t) {
        VectorSelector vs = ms.selector();
        long te = ctx.atTime(vs.at(), t) - ctx.offsetMs(vs);
        long start = te - ctx.rangeMs(ms);
        LoadedSeries[] series = loaded.get(vs);
        List<Series> out = new ArrayList<>();
        long samples = 0;
        for (LoadedSeries s : series) {
            int from = s.firstAfter(start);
            int to = s.firstAfter(te);
            if (to > from) {
                out.add(new Series(s.labels(), s.timestamps(), s.values(), from, to, false));
                samples += to - from;
            }
        }
        ctx.addSamples(samples);
        return new Matrix(out, start, te);
    }

    /**
     * Evaluates the inner expression at the absolute multiples of the subquery step inside {@code (te - range, te]},
     * as Prometheus does, so that results do not shift with the outer evaluation time.
     */
    Matrix subquery(Subquery sq, long t) {
        long te = ctx.atTime(sq.at(), t) - ctx.offsetMs(sq);
        long range = ctx.rangeMs(sq);
        long step = ctx.stepMs(sq);
        long start = te - range;
        long first = Math.floorDiv(start, step) * step;
        if (first <= start) {
            first += step;
        }
        Map<Labels, SeriesBuilder> byLabels = new LinkedHashMap<>();
        long samples = 0;
        // The inner values at these absolute times do not depend on the outer step, and consecutive steps share
        // most of them: keep those still inside the window instead of evaluating them again.
        Map<Long, Value> memo = subqueryValues.computeIfAbsent(sq, x -> new HashMap<>());
        long windowStart = first;
        memo.keySet().removeIf(ti -> ti < windowStart || ti > te);
        for (long ti = first; ti <= te; ti += step) {
            ctx.checkNow();
            Value v = memo.get(ti);
            if (v == null) {
                v = eval(sq.expr(), ti);
                memo.put(ti, v);
            }
            if (v instanceof Scalar s) {
                byLabels.computeIfAbsent(Labels.EMPTY, k -> new SeriesBuilder()).add(ti, s.value(), false);
                samples++;
            } else {
                Vector vec = (Vector) v;
                for (int i = 0; i < vec.size(); i++) {
                    byLabels.computeIfAbsent(vec.labels(i), k -> new SeriesBuilder())
                            .add(ti, vec.value(i), vec.dropName(i));
                }
                samples += vec.size();
            }
        }
        List<Series> out = new ArrayList<>(byLabels.size());
        for (Map.Entry<Labels, SeriesBuilder> e : byLabels.entrySet()) {
            out.add(e.getValue().build(e.getKey()));
        }
        ctx.addSamples(samples);
        return new Matrix(out, start, te);
    }

    /** Whether the value of {@code e} is the same at every evaluation time of the query. */
    boolean isInvariant(Expr e) {
        Boolean known = invariant.get(e);
        if (known == null) {
            known = computeInvariant(e);
            invariant.put(e, known);
        }
        return known;
    }

    private boolean computeInvariant(Expr e) {
        if (e instanceof NumberLiteral || e instanceof StringLiteral) {
            return true;
        } else if (e instanceof VectorSelector vs) {
            return vs.at().isPresent();
        } else if (e instanceof MatrixSelector ms) {
            return ms.selector().at().isPresent();
        } else if (e instanceof Subquery sq) {
            return sq.at().isPresent();
        } else if (e instanceof Paren p) {
            return isInvariant(p.expr());
        } else if (e instanceof Unary u) {
            return isInvariant(u.expr());
        } else if (e instanceof Binary b) {
            return isInvariant(b.lhs()) && isInvariant(b.rhs());
        } else if (e instanceof Aggregate a) {
            return isInvariant(a.expr()) && (a.param() == null || isInvariant(a.param()));
        } else if (e instanceof Call c) {
            if (FunctionCalls.dependsOnEvalTime(c)) {
                return false;
            }
            if (c.function().name().equals("timestamp")) {
                // timestamp() of anything but a selector reports the evaluation time.
                Expr arg = c.args().get(0);
                while (arg instanceof Paren p) {
                    arg = p.expr();
                }
                return arg instanceof VectorSelector vs && vs.at().isPresent();
            }
            for (Expr a : c.args()) {
                if (!isInvariant(a)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Collects the points of one series of a subquery result. */
    static final class SeriesBuilder {
        private long[] ts = new long[16];
        private double[] vs = new double[16];
        private int n;
        private boolean dropName;

        void add(long t, double v, boolean drop) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            ts[n] = t;
            vs[n] = v;
            n++;
            dropName |= drop;
        }

        int size() {
            return n;
        }

        /** The time of the last point; only when {@link #size()} is positive. */
        long lastTime() {
            return ts[n - 1];
        }

        Series build(Labels labels) {
            return new Series(labels, ts, vs, 0, n, dropName);
        }
    }
}
