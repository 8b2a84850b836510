package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Queryable;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Printer;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates PromQL with Prometheus 3.x semantics over a {@link Queryable}.
 *
 * <pre>{@code
 * Engine engine = new Engine(storage, EngineOptions.DEFAULT);
 * QueryResult now = engine.instantQuery("sum by (job) (rate(http_requests_total[5m]))", nowMs);
 * QueryResult graph = engine.rangeQuery("up", startMs, endMs, 15_000);
 * }</pre>
 *
 * Errors: {@link dev.vigil.promql.parser.ParseException} for bad query text, {@link QueryException} and its subclasses
 * for failures during evaluation ({@link QueryTimeoutException}, {@link QueryCancelledException}, {@link
 * TooManySamplesException}), and {@link dev.vigil.model.storage.StorageException} from storage.
 *
 * <p>Native histograms are not supported: the storage API has no histogram samples yet, and histogram-only functions
 * see float input only.
 *
 * <p>Thread-safe: each query runs on the calling thread with its own state; cancel one with a {@link CancelHandle} or
 * by interrupting its thread.
 */
public final class Engine {
    private final Queryable queryable;
    private final EngineOptions options;
    private final boolean wholeRange;

    public Engine(Queryable queryable, EngineOptions options) {
        this(queryable, options, true);
    }

    /**
     * With {@code wholeRange} false, every range query is evaluated step by step; tests compare the two paths with
     * it.
     */
    Engine(Queryable queryable, EngineOptions options, boolean wholeRange) {
        this.queryable = Objects.requireNonNull(queryable, "queryable");
        this.options = Objects.requireNonNull(options, "options");
        this.wholeRange = wholeRange;
    }

    public EngineOptions options() {
        return options;
    }

    /** Evaluates {@code query} at {@code timeMs}. */
    public QueryResult instantQuery(String query, long timeMs) {
        return instantQuery(query, timeMs, null);
    }

    public QueryResult instantQuery(String query, long timeMs, CancelHandle cancel) {
        long t0 = System.nanoTime();
        Expr expr = ExpressionParser.parse(query, options.parserOptions());
        return run(query, expr, timeMs, timeMs, 0, cancel, System.nanoTime() - t0);
    }

    public QueryResult instantQuery(Expr expr, long timeMs) {
        return instantQuery(expr, timeMs, null);
    }

    public QueryResult instantQuery(Expr expr, long timeMs, CancelHandle cancel) {
        return run(null, expr, timeMs, timeMs, 0, cancel, 0);
    }

    /**
     * Evaluates {@code expr}, parsed by the caller from {@code text}; the text gives warnings and infos their {@code
     * (line:column)} positions.
     */
    public QueryResult instantQuery(String text, Expr expr, long timeMs, CancelHandle cancel) {
        return run(text, expr, timeMs, timeMs, 0, cancel, 0);
    }

    /** Evaluates {@code query} at {@code startMs}, {@code startMs + stepMs}, ... up to {@code endMs}. */
    public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs) {
        return rangeQuery(query, startMs, endMs, stepMs, null);
    }

    public QueryResult rangeQuery(String query, long startMs, long endMs, long stepMs, CancelHandle cancel) {
        long t0 = System.nanoTime();
        Expr expr = ExpressionParser.parse(query, options.parserOptions());
        checkRange(expr, startMs, endMs, stepMs);
        return run(query, expr, startMs, endMs, stepMs, cancel, System.nanoTime() - t0);
    }

    public QueryResult rangeQuery(Expr expr, long startMs, long endMs, long stepMs) {
        return rangeQuery(expr, startMs, endMs, stepMs, null);
    }

    public QueryResult rangeQuery(Expr expr, long startMs, long endMs, long stepMs, CancelHandle cancel) {
        checkRange(expr, startMs, endMs, stepMs);
        return run(null, expr, startMs, endMs, stepMs, cancel, 0);
    }

    /** As {@link #instantQuery(String, Expr, long, CancelHandle)}, over a range. */
    public QueryResult rangeQuery(String text, Expr expr, long startMs, long endMs, long stepMs, CancelHandle cancel) {
        checkRange(expr, startMs, endMs, stepMs);
        return run(text, expr, startMs, endMs, stepMs, cancel, 0);
    }

    /**
     * How {@code query} would be evaluated at {@code startMs} ({@code stepMs} 0: an instant query) or over {@code
     * [startMs, endMs]} every {@code stepMs}, without reading storage: a line saying how, then the {@link Explain}
     * plan with, for each selector, the time range of samples it reads and, when evaluated step by step, which
     * subtrees are nevertheless evaluated over the whole range at once and which are computed only once (literals
     * aside).
     *
     * @throws dev.vigil.promql.parser.ParseException when the query does not parse
     * @throws IllegalArgumentException for a bad range, as {@link #rangeQuery} would
     */
    public String explain(String query, long startMs, long endMs, long stepMs) {
        Expr expr = ExpressionParser.parse(query, options.parserOptions());
        long end = stepMs == 0 ? startMs : endMs;
        if (stepMs != 0) {
            checkRange(expr, startMs, endMs, stepMs);
        }
        EvalContext ctx = new EvalContext(startMs, end, stepMs, options, new Annotations(query), null);
        Evaluator ev = new Evaluator(ctx, expr);
        boolean whole = stepMs > 0 && wholeRange && RangeSupport.supports(expr);
        Set<Expr> parts = Collections.newSetFromMap(new IdentityHashMap<>());
        if (stepMs > 0 && wholeRange && !whole) {
            parts.addAll(RangeSupport.wholeRangeSubtrees(expr));
        }
        StringBuilder out = new StringBuilder();
        if (stepMs == 0) {
            out.append("instant query at ")
                    .append(Instant.ofEpochMilli(startMs))
                    .append('\n');
        } else {
            out.append("range query: ")
                    .append((end - startMs) / stepMs + 1)
                    .append(" steps of ")
                    .append(Printer.formatDuration(Duration.ofMillis(stepMs)))
                    .append(" from ")
                    .append(Instant.ofEpochMilli(startMs))
                    .append(" to ")
                    .append(Instant.ofEpochMilli(end))
                    .append(
                            whole
                                    ? ", evaluated over the whole range at once, series by series"
                                    : ", evaluated step by step")
                    .append('\n');
        }
        out.append(Explain.plan(expr, e -> {
            VectorSelector vs = e instanceof VectorSelector v ? v : e instanceof MatrixSelector m ? m.selector() : null;
            if (vs != null) {
                SelectorRanges.Need need = ev.need(vs);
                return "reads samples in (" + Instant.ofEpochMilli(need.minT) + ", " + Instant.ofEpochMilli(need.maxT)
                        + "]";
            }
            if (parts.contains(e)) {
                return "evaluated over the whole range at once";
            }
            boolean literal = e instanceof NumberLiteral || e instanceof StringLiteral;
            return stepMs > 0 && !whole && !literal && ev.isInvariant(e) ? "computed once" : "";
        }));
        return out.toString();
    }

    private static void checkRange(Expr expr, long startMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            throw new IllegalArgumentException("zero or negative query resolution step widths are not accepted");
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("end timestamp must not be before start time");
        }
        if (expr.type() != ValueType.INSTANT_VECTOR && expr.type() != ValueType.SCALAR) {
            throw new IllegalArgumentException("invalid expression type \""
                    + expr.type().apiName() + "\" for range query, must be Scalar or instant Vector");
        }
    }

    private QueryResult run(
            String text, Expr expr, long start, long end, long step, CancelHandle cancel, long parseNanos) {
        Annotations annotations = new Annotations(text);
        EvalContext ctx = new EvalContext(start, end, step, options, annotations, cancel);
        long t0 = System.nanoTime();
        Evaluator ev = new Evaluator(ctx, expr);
        long[] range = ev.overallRange();
        Querier querier = range == null ? null : queryable.querier(range[0], range[1]);
        try {
            // The whole-range path streams series from the querier while it evaluates; the step-by-step path reads
            // every selector's samples first, except those of subtrees it has evaluated over the whole range.
            boolean streaming = step > 0 && wholeRange && RangeSupport.supports(expr);
            List<Expr> wholeRangeParts =
                    step > 0 && wholeRange && !streaming ? RangeSupport.wholeRangeSubtrees(expr) : List.of();
            if (querier != null && !streaming) {
                ev.load(querier, selectorsIn(wholeRangeParts));
            }
            long t1 = System.nanoTime();
            Value value;
            if (step == 0) {
                value = instant(ev, ctx, expr, start);
            } else if (streaming) {
                value = wholeRange(new RangeEvaluator(ev, querier), ctx, expr);
            } else {
                long precomputed = 0;
                if (!wholeRangeParts.isEmpty()) {
                    RangeEvaluator r = new RangeEvaluator(ev, querier);
                    for (Expr part : wholeRangeParts) {
                        precomputed += ev.precompute(part, r);
                    }
                }
                value = range(ev, ctx, expr, start, end, step, precomputed);
            }
            long t2 = System.nanoTime();
            QueryStats stats = new QueryStats(
                    ctx.seriesTouched,
                    ctx.samplesLoaded,
                    ctx.samplesProcessed,
                    ctx.peakSamples,
                    parseNanos,
                    t1 - t0,
                    t2 - t1,
                    ctx.samplesPerStep());
            return new QueryResult(value, end, annotations.warnings(), annotations.infos(), stats);
        } finally {
            if (querier != null) {
                querier.close();
            }
        }
    }

    private static Value instant(Evaluator ev, EvalContext ctx, Expr expr, long t) {
        ctx.checkNow();
        Value v = ev.eval(expr, t);
        ctx.endStep(0);
        if (v instanceof Vector vec) {
            Vector out = new Vector(vec.size());
            Set<Labels> seen = new HashSet<>();
            LabelsBuilder b = new LabelsBuilder();
            for (int i = 0; i < vec.size(); i++) {
                Labels l = vec.dropName(i) ? MetricMetadata.without(b, vec.labels(i)) : vec.labels(i);
                if (!seen.add(l)) {
                    throw new QueryException("vector cannot contain metrics with the same labelset");
                }
                out.add(l, vec.value(i), t, false);
            }
            return out;
        }
        if (v instanceof Matrix m) {
            List<Series> out = new ArrayList<>(m.series().size());
            LabelsBuilder b = new LabelsBuilder();
            for (Series s : m.series()) {
                out.add(s.dropName() ? s.withLabels(MetricMetadata.without(b, s.labels()), false) : s);
            }
            out.sort(Comparator.comparing(Series::labels));
            return new Matrix(out, m.rangeStartMs(), m.rangeEndMs());
        }
        return v;
    }

    /** A range query evaluated over all steps at once (see {@link RangeEvaluator}), as the result matrix. */
    private static Value wholeRange(RangeEvaluator r, EvalContext ctx, Expr expr) {
        int steps = r.steps();
        List<Series> out = new ArrayList<>();
        long points = 0;
        if (expr.type() == ValueType.SCALAR) {
            double[] v = r.scalar(expr);
            Evaluator.SeriesBuilder sb = new Evaluator.SeriesBuilder();
            for (int k = 0; k < steps; k++) {
                sb.add(r.time(k), v[k], false);
            }
            out.add(sb.build(Labels.EMPTY));
            points = steps;
        } else {
            StepVector v = r.vector(expr);
            ctx.release(v.points());
            Map<Labels, List<StepSeries>> byLabels = new LinkedHashMap<>();
            LabelsBuilder b = new LabelsBuilder();
            for (int i = 0; i < v.size(); i++) {
                StepSeries s = v.get(i);
                Labels l = s.dropName ? MetricMetadata.without(b, s.labels) : s.labels;
                byLabels.computeIfAbsent(l, x -> new ArrayList<>(1)).add(s);
            }
            for (Map.Entry<Labels, List<StepSeries>> e : byLabels.entrySet()) {
                Series built = merged(r, e.getKey(), e.getValue());
                points += built.size();
                out.add(built);
            }
        }
        ctx.hold(points);
        out.sort(Comparator.comparing(Series::labels));
        return new Matrix(out, ctx.start(), ctx.end());
    }

    /** One result series from the step series that share its labels, which must not have elements at one step. */
    private static Series merged(RangeEvaluator r, Labels labels, List<StepSeries> parts) {
        Evaluator.SeriesBuilder sb = new Evaluator.SeriesBuilder();
        if (parts.size() == 1) {
            StepSeries s = parts.get(0);
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                sb.add(r.time(k), s.value(k), false);
            }
            return sb.build(labels);
        }
        for (int k = 0; k < r.steps(); k++) {
            StepSeries at = null;
            for (StepSeries s : parts) {
                if (s.has(k)) {
                    if (at != null) {
                        throw new QueryException("vector cannot contain metrics with the same labelset");
                    }
                    at = s;
                }
            }
            if (at != null) {
                sb.add(r.time(k), at.value(k), false);
            }
        }
        return sb.build(labels);
    }

    /** The selectors inside {@code parts}. */
    private static Set<VectorSelector> selectorsIn(List<Expr> parts) {
        Set<VectorSelector> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Expr part : parts) {
            SelectorRanges.forEachSelector(part, out::add);
        }
        return out;
    }

    /**
     * A range query step by step. {@code precomputed}: samples held by subtrees already evaluated over the whole
     * range, which stay held throughout.
     */
    private static Value range(
            Evaluator ev, EvalContext ctx, Expr expr, long start, long end, long step, long precomputed) {
        Map<Labels, Evaluator.SeriesBuilder> series = new HashMap<>();
        // Label sets repeat at every step: drop each one's name once.
        Map<Labels, Labels> withoutName = new IdentityHashMap<>();
        LabelsBuilder b = new LabelsBuilder();
        long held = 0;
        int stepIndex = 0;
        for (long t = start; t <= end; t += step) {
            ctx.checkNow();
            ctx.resetCurrentSamples(held + precomputed);
            Value v = ev.eval(expr, t);
            ctx.endStep(stepIndex++);
            if (v instanceof Scalar s) {
                series.computeIfAbsent(Labels.EMPTY, k -> new Evaluator.SeriesBuilder())
                        .add(t, s.value(), false);
                held++;
                continue;
            }
            Vector vec = (Vector) v;
            for (int i = 0; i < vec.size(); i++) {
                Labels l = vec.labels(i);
                if (vec.dropName(i)) {
                    l = withoutName.computeIfAbsent(l, x -> MetricMetadata.without(b, x));
                }
                Evaluator.SeriesBuilder sb = series.computeIfAbsent(l, k -> new Evaluator.SeriesBuilder());
                if (sb.size() > 0 && sb.lastTime() == t) {
                    throw new QueryException("vector cannot contain metrics with the same labelset");
                }
                sb.add(t, vec.value(i), false);
            }
            held += vec.size();
        }
        ctx.resetCurrentSamples(0);
        ctx.hold(held);
        List<Series> out = new ArrayList<>(series.size());
        series.forEach((l, sb) -> out.add(sb.build(l)));
        out.sort(Comparator.comparing(Series::labels));
        return new Matrix(out, start, end);
    }
}
