package dev.vigil.promql.engine;

import dev.vigil.model.sample.StaleMarker;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.functions.RangeFunctions;

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
        long step = ctx.step();
        StepSeries o = new StepSeries(null, false, steps);
        long points = 0;
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
                }
            }
            if (o.count() > 0) {
                points += o.count();
                consumer.accept(o);
            }
        }
        ctx.processed(points);
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
        MatrixSelector ms = (MatrixSelector) RangeSupport.unwrap(c.args().get(fn.matrixArgument()));
        VectorSelector vs = ms.selector();
        SelectorReader reader = range.reader(vs);
        long width = ctx.rangeMs(ms);
        long first = range.time(0) - ctx.offsetMs(vs);
        long step = ctx.step();
        int argOffset = c.args().get(fn.matrixArgument()).position().start();
        int minSamples = fn.minSamples();
        boolean counter = fn == WindowFunction.RATE || fn == WindowFunction.INCREASE;
        StepSeries o = new StepSeries(null, false, steps);
        long processed = 0;
        while (reader.next()) {
            long[] ts = reader.timestamps();
            double[] values = reader.values();
            int n = reader.count();
            if (counter) {
                countResets(values, n);
            }
            o.reset(reader.labels(), !fn.keepsName());
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
                processed += hi - lo;
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
                o.set(k, v);
            }
            if (o.count() > 0) {
                if (fn.expectsCounter()) {
                    ctx.annotations().checkCounterName(o.labels.metricName(), argOffset);
                }
                consumer.accept(o);
            }
        }
        ctx.processed(processed);
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
