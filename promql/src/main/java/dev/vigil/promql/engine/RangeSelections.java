package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.functions.RangeFunctions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Selectors over a whole range, streamed: each series is read from storage into reused buffers, walked once with a
 * cursor per window edge moving forward as the steps advance (O(1) amortized per step instead of a binary search),
 * handed to the consumer as one reused {@link StepSeries}, and dropped. Memory stays at one series' samples.
 */
final class RangeSelections {
    private final RangeEvaluator range;
    private final EvalContext ctx;
    private final WindowFunction.Scratch scratch = new WindowFunction.Scratch();
    private int[] resets = new int[256];

    RangeSelections(RangeEvaluator range) {
        this.range = range;
        this.ctx = range.ctx();
    }

    /** An instant selector: at each step the newest sample within the lookback delta, unless it is a stale marker. */
    void instant(VectorSelector vs, RangeEvaluator.SeriesConsumer consumer) {
        SelectorReader reader = range.reader(vs);
        int steps = range.steps();
        long lookback = ctx.lookbackMs();
        long first = range.time(0) - ctx.offsetMs(vs);
        long step = range.step();
        StepSeries o = new StepSeries(null, false, steps);
        long[] perStep = new long[steps];
        while (reader.next()) {
            long[] ts = reader.timestamps();
            double[] values = reader.values();
            int n = reader.count();
            o.reset(reader.labels(), false);
            int next = 0;
            for (int k = 0; k < steps; k++) {
                long te = first + k * step;
                while (next < n && ts[next] <= te) {
                    next++;
                }
                int i = next - 1;
                if (i >= 0 && ts[i] > te - lookback && !StaleMarker.isStaleNaN(values[i])) {
                    o.set(k, values[i]);
                    perStep[k]++;
                }
            }
            if (o.count() > 0) {
                consumer.accept(o);
            }
        }
        range.processed(perStep);
    }

    /** A window function over a range selector, e.g. {@code rate(x[5m])}: windows {@code (te - range, te]}. */
    void window(Call c, WindowFunction fn, RangeEvaluator.SeriesConsumer consumer) {
        int steps = range.steps();
        double[] p1 = null;
        double[] p2 = null;
        if (fn.scalarParams() > 0) {
            p1 = range.scalar(c.args().get(fn == WindowFunction.QUANTILE_OVER_TIME ? 0 : 1));
        }
        if (fn.scalarParams() > 1) {
            p2 = range.scalar(c.args().get(2));
        }
        for (int k = 0; k < steps; k++) {
            RangeCalls.checkParams(
                    fn, p1 == null ? Double.NaN : p1[k], p2 == null ? Double.NaN : p2[k], c, ctx.annotations());
        }
        Windows w = new Windows(fn, c.args().get(fn.matrixArgument()).position().start(), p1, p2, consumer);
        Expr arg = RangeSupport.unwrap(c.args().get(fn.matrixArgument()));
        if (arg instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            w.first = range.time(0) - ctx.offsetMs(vs);
            w.width = ctx.rangeMs(ms);
            SelectorReader reader = range.reader(vs);
            while (reader.next()) {
                w.series(reader.labels(), false, reader.timestamps(), reader.values(), reader.count());
            }
        } else {
            subquery((Subquery) arg, w);
        }
        range.processed(w.processed);
    }

    /**
     * A window function over a subquery: the inner expression is evaluated once, over the whole range, at the
     * subquery's own steps (absolute multiples of its step covering every window), and the windows slide over its
     * series as over stored samples. Series of the same labels are joined into one, as a step-by-step subquery does.
     */
    private void subquery(Subquery sq, Windows w) {
        w.first = range.time(0) - ctx.offsetMs(sq);
        w.width = ctx.rangeMs(sq);
        long last = range.time(range.steps() - 1) - ctx.offsetMs(sq);
        RangeEvaluator inner = range.subqueryGrid(w.first - w.width, last, ctx.stepMs(sq));
        StepVector v = inner.vector(sq.expr());
        Map<Labels, List<StepSeries>> byLabels = new LinkedHashMap<>();
        for (int i = 0; i < v.size(); i++) {
            byLabels.computeIfAbsent(v.get(i).labels, l -> new ArrayList<>(1)).add(v.get(i));
        }
        long[] ts = new long[Math.max(1, inner.steps())];
        double[] values = new double[ts.length];
        for (Map.Entry<Labels, List<StepSeries>> e : byLabels.entrySet()) {
            int n = 0;
            boolean drop = false;
            for (int k = 0; k < inner.steps(); k++) {
                for (StepSeries s : e.getValue()) {
                    if (s.has(k)) {
                        if (n == ts.length) {
                            ts = Arrays.copyOf(ts, n * 2);
                            values = Arrays.copyOf(values, n * 2);
                        }
                        ts[n] = inner.time(k);
                        values[n] = s.value(k);
                        n++;
                        drop |= s.dropName;
                    }
                }
            }
            w.series(e.getKey(), drop, ts, values, n);
        }
        ctx.release(v.points());
    }

    /** The windows of one window-function call, applied to one input series after another. */
    private final class Windows {
        final WindowFunction fn;
        final int argOffset;
        final double[] p1;
        final double[] p2;
        final RangeEvaluator.SeriesConsumer consumer;
        final boolean counter;
        final StepSeries out;
        /** End of the first step's window (the step's time minus the offset). */
        long first;
        /** The windows' width. */
        long width;
        /** Samples in the windows at each step. */
        final long[] processed;

        Windows(WindowFunction fn, int argOffset, double[] p1, double[] p2, RangeEvaluator.SeriesConsumer consumer) {
            this.fn = fn;
            this.argOffset = argOffset;
            this.p1 = p1;
            this.p2 = p2;
            this.consumer = consumer;
            this.counter = fn == WindowFunction.RATE || fn == WindowFunction.INCREASE;
            this.out = new StepSeries(null, false, range.steps());
            this.processed = new long[range.steps()];
        }

        /** Slides the windows over one series' samples {@code [0, n)} and passes the result on. */
        void series(Labels labels, boolean inputDropsName, long[] ts, double[] values, int n) {
            ctx.checkpoint();
            if (counter) {
                countResets(values, n);
            }
            int steps = range.steps();
            long step = range.step();
            int minSamples = fn.minSamples();
            out.reset(labels, !fn.keepsName() || inputDropsName);
            int lo = 0;
            int hi = 0;
            for (int k = 0; k < steps; k++) {
                long te = first + k * step;
                long rangeStart = te - width;
                while (hi < n && ts[hi] <= te) {
                    hi++;
                }
                while (lo < hi && ts[lo] <= rangeStart) {
                    lo++;
                }
                processed[k] += hi - lo;
                if (hi - lo < minSamples) {
                    continue;
                }
                double v;
                if (counter) {
                    // Without a reset inside the window the increase is last - first, as the loop would find.
                    double increase = resets[hi - 1] == resets[lo]
                            ? values[hi - 1] - values[lo]
                            : RangeFunctions.counterIncrease(values, lo, hi);
                    v = RangeFunctions.extrapolate(
                            ts, values, lo, hi, increase, rangeStart, te, true, fn == WindowFunction.RATE);
                } else {
                    v = fn.apply(
                            ts,
                            values,
                            lo,
                            hi,
                            rangeStart,
                            te,
                            range.time(k),
                            p1 == null ? Double.NaN : p1[k],
                            p2 == null ? Double.NaN : p2[k],
                            scratch);
                }
                out.set(k, v);
            }
            if (out.count() > 0) {
                if (fn.expectsCounter()) {
                    ctx.annotations().checkCounterName(labels.metricName(), argOffset);
                }
                consumer.accept(out);
            }
        }
    }

    /** {@code resets[i]}: how many of the samples {@code 1..i} are below the one before them. */
    private void countResets(double[] values, int n) {
        if (resets.length < n) {
            resets = new int[Math.max(n, resets.length * 2)];
        }
        int count = 0;
        if (n > 0) {
            resets[0] = 0;
        }
        for (int i = 1; i < n; i++) {
            if (values[i] < values[i - 1]) {
                count++;
            }
            resets[i] = count;
        }
    }
}
