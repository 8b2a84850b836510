package dev.vigil.promql.engine;

import dev.vigil.promql.ast.Call;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.Vector;

/** Functions over range vectors ({@link WindowFunction}) evaluated at one step: rates, deltas, regression, ... */
final class RangeCalls {
    private RangeCalls() {}

    static Vector call(FunctionCalls f, Call c, WindowFunction fn, long t) {
        double p1 = Double.NaN;
        double p2 = Double.NaN;
        if (fn.scalarParams() > 0) {
            p1 = f.scalarArg(c, fn == WindowFunction.QUANTILE_OVER_TIME ? 0 : 1, t);
        }
        if (fn.scalarParams() > 1) {
            p2 = f.scalarArg(c, 2, t);
        }
        checkParams(fn, p1, p2, c, f.evaluator().ctx().annotations());
        Matrix m = f.matrixArg(c, fn.matrixArgument(), t);
        int argOffset = c.args().get(fn.matrixArgument()).position().start();
        Vector out = new Vector(m.series().size());
        for (Series s : m.series()) {
            if (s.size() < fn.minSamples()) {
                continue;
            }
            if (fn.expectsCounter()) {
                f.evaluator().ctx().annotations().checkCounterName(s.labels().metricName(), argOffset);
            }
            double v = fn.apply(
                    s.timestamps(),
                    s.values(),
                    s.from(),
                    s.to(),
                    m.rangeStartMs(),
                    m.rangeEndMs(),
                    t,
                    p1,
                    p2,
                    f.windowScratch());
            out.add(s.labels(), v, t, !fn.keepsName() || s.dropName());
        }
        return out;
    }

    /** Prometheus's checks of a window function's scalar arguments at one evaluation time. */
    static void checkParams(WindowFunction fn, double p1, double p2, Call c, Annotations annotations) {
        if (fn == WindowFunction.QUANTILE_OVER_TIME) {
            annotations.checkQuantile(p1, c.args().get(0).position().start());
        } else if (fn == WindowFunction.DOUBLE_EXPONENTIAL_SMOOTHING) {
            if (!(p1 > 0 && p1 < 1)) {
                throw new QueryException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goF(p1));
            }
            if (!(p2 > 0 && p2 < 1)) {
                throw new QueryException("invalid trend factor. Expected: 0 < tf < 1, got: " + goF(p2));
            }
        }
    }

    /** Go's {@code %f}: six decimals. */
    private static String goF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }
}
