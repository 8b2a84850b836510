package dev.vigil.promql.engine;

import dev.vigil.promql.ast.Call;
import dev.vigil.promql.functions.FloatFormat;
import dev.vigil.promql.functions.RangeFunctions;
import dev.vigil.promql.functions.Stats;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.Vector;

/** Functions over range vectors: rates, deltas, regression and the {@code *_over_time} family. */
final class RangeCalls {
    private RangeCalls() {}

    static Vector call(FunctionCalls f, Call c, String name, long t) {
        int matrixArg = name.equals("quantile_over_time") ? 1 : 0;
        double p1 = Double.NaN;
        double p2 = Double.NaN;
        if (name.equals("quantile_over_time")) {
            p1 = f.scalarArg(c, 0, t);
            if (Double.isNaN(p1) || p1 < 0 || p1 > 1) {
                f.evaluator()
                        .ctx()
                        .annotations()
                        .warn(
                                "quantile value should be between 0 and 1, got " + FloatFormat.format(p1),
                                c.args().get(0).position().start());
            }
        } else if (name.equals("predict_linear")) {
            p1 = f.scalarArg(c, 1, t);
        } else if (name.equals("double_exponential_smoothing")) {
            p1 = f.scalarArg(c, 1, t);
            p2 = f.scalarArg(c, 2, t);
            if (!(p1 > 0 && p1 < 1)) {
                throw new QueryException("invalid smoothing factor. Expected: 0 < sf < 1, got: " + goF(p1));
            }
            if (!(p2 > 0 && p2 < 1)) {
                throw new QueryException("invalid trend factor. Expected: 0 < tf < 1, got: " + goF(p2));
            }
        }
        Matrix m = f.matrixArg(c, matrixArg, t);
        int argOffset = c.args().get(matrixArg).position().start();
        Vector out = new Vector(m.series().size());
        boolean checkCounterName = name.equals("rate") || name.equals("increase");
        for (Series s : m.series()) {
            int n = s.size();
            double v;
            boolean keepName = false;
            switch (name) {
                case "rate":
                case "increase":
                case "delta":
                    if (n < 2) {
                        continue;
                    }
                    if (checkCounterName) {
                        warnIfNotCounter(f, s, argOffset);
                    }
                    v = RangeFunctions.extrapolatedDelta(
                            s, m.rangeStartMs(), m.rangeEndMs(), !name.equals("delta"), name.equals("rate"));
                    break;
                case "irate":
                case "idelta":
                    if (n < 2) {
                        continue;
                    }
                    v = RangeFunctions.instant(s, name.equals("irate"));
                    break;
                case "deriv":
                    if (n < 2) {
                        continue;
                    }
                    RangeFunctions.linearRegression(s, s.timestamp(0), f.regression());
                    v = f.regression()[0];
                    break;
                case "predict_linear":
                    if (n < 2) {
                        continue;
                    }
                    // Prometheus anchors the prediction at the evaluation time, also under @ and offset.
                    RangeFunctions.linearRegression(s, t, f.regression());
                    v = f.regression()[0] * p1 + f.regression()[1];
                    break;
                case "double_exponential_smoothing":
                    if (n < 2) {
                        continue;
                    }
                    v = RangeFunctions.doubleExponentialSmoothing(s, p1, p2);
                    break;
                case "resets":
                    v = RangeFunctions.resets(s);
                    break;
                case "changes":
                    v = RangeFunctions.changes(s);
                    break;
                case "avg_over_time":
                    v = Stats.mean(s.values(), s.from(), s.to());
                    break;
                case "sum_over_time":
                    v = Stats.sum(s.values(), s.from(), s.to());
                    break;
                case "min_over_time":
                    v = Stats.min(s.values(), s.from(), s.to());
                    break;
                case "max_over_time":
                    v = Stats.max(s.values(), s.from(), s.to());
                    break;
                case "count_over_time":
                    v = n;
                    break;
                case "stddev_over_time":
                    v = Math.sqrt(Stats.variance(s.values(), s.from(), s.to()));
                    break;
                case "stdvar_over_time":
                    v = Stats.variance(s.values(), s.from(), s.to());
                    break;
                case "quantile_over_time":
                    v = FunctionCalls.quantile(p1, s, f.scratch(n));
                    break;
                case "mad_over_time":
                    if (hasNaN(s)) {
                        v = Double.NaN;
                        break;
                    }
                    v = Stats.medianAbsoluteDeviation(FunctionCalls.values(s, f.scratch(n)), n);
                    break;
                case "last_over_time":
                    v = s.value(n - 1);
                    keepName = true;
                    break;
                case "first_over_time":
                    v = s.value(0);
                    keepName = true;
                    break;
                case "present_over_time":
                    v = 1;
                    break;
                case "ts_of_last_over_time":
                    v = s.timestamp(n - 1) / 1000.0;
                    break;
                case "ts_of_first_over_time":
                    v = s.timestamp(0) / 1000.0;
                    break;
                case "ts_of_max_over_time":
                    v = timestampOfExtreme(s, true);
                    break;
                case "ts_of_min_over_time":
                    v = timestampOfExtreme(s, false);
                    break;
                default:
                    throw new IllegalStateException("BUG: no implementation for function " + name);
            }
            out.add(s.labels(), v, t, !keepName || s.dropName());
        }
        return out;
    }

    private static boolean hasNaN(Series s) {
        for (int i = 0; i < s.size(); i++) {
            if (Double.isNaN(s.value(i))) {
                return true;
            }
        }
        return false;
    }

    private static double timestampOfExtreme(Series s, boolean max) {
        int best = 0;
        for (int i = 1; i < s.size(); i++) {
            double v = s.value(i);
            double b = s.value(best);
            if (Double.isNaN(b) || (max ? v >= b : v <= b)) {
                best = i;
            }
        }
        return s.timestamp(best) / 1000.0;
    }

    private static void warnIfNotCounter(FunctionCalls f, Series s, int offset) {
        String name = s.labels().metricName();
        if (!name.endsWith("_total")
                && !name.endsWith("_sum")
                && !name.endsWith("_count")
                && !name.endsWith("_bucket")) {
            f.evaluator()
                    .ctx()
                    .annotations()
                    .info(
                            "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "
                                    + FloatFormat.goQuote(name),
                            offset);
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
