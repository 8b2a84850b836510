package dev.vigil.promql.engine;

import dev.vigil.promql.functions.RangeFunctions;
import dev.vigil.promql.functions.Stats;
import java.util.HashMap;
import java.util.Map;

/**
 * The functions that reduce one window of a range vector to one value ({@code rate}, {@code *_over_time}, ...), applied
 * to the samples {@code [from, to)} of a series' arrays. Both the step-by-step and the whole-range evaluation use these,
 * so they compute the same numbers.
 */
enum WindowFunction {
    RATE("rate", 2, false, 0),
    INCREASE("increase", 2, false, 0),
    DELTA("delta", 2, false, 0),
    IRATE("irate", 2, false, 0),
    IDELTA("idelta", 2, false, 0),
    DERIV("deriv", 2, false, 0),
    PREDICT_LINEAR("predict_linear", 2, false, 1),
    DOUBLE_EXPONENTIAL_SMOOTHING("double_exponential_smoothing", 2, false, 2),
    RESETS("resets", 1, false, 0),
    CHANGES("changes", 1, false, 0),
    AVG_OVER_TIME("avg_over_time", 1, false, 0),
    SUM_OVER_TIME("sum_over_time", 1, false, 0),
    MIN_OVER_TIME("min_over_time", 1, false, 0),
    MAX_OVER_TIME("max_over_time", 1, false, 0),
    COUNT_OVER_TIME("count_over_time", 1, false, 0),
    STDDEV_OVER_TIME("stddev_over_time", 1, false, 0),
    STDVAR_OVER_TIME("stdvar_over_time", 1, false, 0),
    QUANTILE_OVER_TIME("quantile_over_time", 1, false, 1),
    MAD_OVER_TIME("mad_over_time", 1, false, 0),
    LAST_OVER_TIME("last_over_time", 1, true, 0),
    FIRST_OVER_TIME("first_over_time", 1, true, 0),
    PRESENT_OVER_TIME("present_over_time", 1, false, 0),
    TS_OF_LAST_OVER_TIME("ts_of_last_over_time", 1, false, 0),
    TS_OF_FIRST_OVER_TIME("ts_of_first_over_time", 1, false, 0),
    TS_OF_MAX_OVER_TIME("ts_of_max_over_time", 1, false, 0),
    TS_OF_MIN_OVER_TIME("ts_of_min_over_time", 1, false, 0);

    private static final Map<String, WindowFunction> BY_NAME = new HashMap<>();

    static {
        for (WindowFunction f : values()) {
            BY_NAME.put(f.functionName, f);
        }
    }

    private final String functionName;
    private final int minSamples;
    private final boolean keepsName;
    private final int scalarParams;

    WindowFunction(String functionName, int minSamples, boolean keepsName, int scalarParams) {
        this.functionName = functionName;
        this.minSamples = minSamples;
        this.keepsName = keepsName;
        this.scalarParams = scalarParams;
    }

    /** The window function called {@code name}, or null. */
    static WindowFunction of(String name) {
        return BY_NAME.get(name);
    }

    String functionName() {
        return functionName;
    }

    /** Windows with fewer samples produce no output element. */
    int minSamples() {
        return minSamples;
    }

    /** Whether the output keeps the metric name ({@code last_over_time}, {@code first_over_time}). */
    boolean keepsName() {
        return keepsName;
    }

    /** Index of the range-vector argument in the call. */
    int matrixArgument() {
        return this == QUANTILE_OVER_TIME ? 1 : 0;
    }

    /** Number of scalar arguments besides the range vector. */
    int scalarParams() {
        return scalarParams;
    }

    /** Whether Prometheus notes when the input's name does not look like a counter's. */
    boolean expectsCounter() {
        return this == RATE || this == INCREASE;
    }

    /**
     * The value of the window {@code (rangeStartMs, rangeEndMs]} whose samples are {@code [from, to)}, at evaluation time
     * {@code evalMs}; {@code p1}, {@code p2} are the scalar arguments. {@code to - from >= minSamples()}.
     */
    double apply(
            long[] ts,
            double[] vs,
            int from,
            int to,
            long rangeStartMs,
            long rangeEndMs,
            long evalMs,
            double p1,
            double p2,
            Scratch scratch) {
        int n = to - from;
        switch (this) {
            case RATE:
                return RangeFunctions.extrapolatedDelta(ts, vs, from, to, rangeStartMs, rangeEndMs, true, true);
            case INCREASE:
                return RangeFunctions.extrapolatedDelta(ts, vs, from, to, rangeStartMs, rangeEndMs, true, false);
            case DELTA:
                return RangeFunctions.extrapolatedDelta(ts, vs, from, to, rangeStartMs, rangeEndMs, false, false);
            case IRATE:
                return RangeFunctions.instant(ts, vs, from, to, true);
            case IDELTA:
                return RangeFunctions.instant(ts, vs, from, to, false);
            case DERIV:
                RangeFunctions.linearRegression(ts, vs, from, to, ts[from], scratch.regression);
                return scratch.regression[0];
            case PREDICT_LINEAR:
                // Prometheus anchors the prediction at the evaluation time, also under @ and offset.
                RangeFunctions.linearRegression(ts, vs, from, to, evalMs, scratch.regression);
                return scratch.regression[0] * p1 + scratch.regression[1];
            case DOUBLE_EXPONENTIAL_SMOOTHING:
                return RangeFunctions.doubleExponentialSmoothing(vs, from, to, p1, p2);
            case RESETS:
                return RangeFunctions.resets(vs, from, to);
            case CHANGES:
                return RangeFunctions.changes(vs, from, to);
            case AVG_OVER_TIME:
                return Stats.mean(vs, from, to);
            case SUM_OVER_TIME:
                return Stats.sum(vs, from, to);
            case MIN_OVER_TIME:
                return Stats.min(vs, from, to);
            case MAX_OVER_TIME:
                return Stats.max(vs, from, to);
            case COUNT_OVER_TIME:
                return n;
            case STDDEV_OVER_TIME:
                return Math.sqrt(Stats.variance(vs, from, to));
            case STDVAR_OVER_TIME:
                return Stats.variance(vs, from, to);
            case QUANTILE_OVER_TIME:
                return Stats.quantile(p1, scratch.copy(vs, from, to), n);
            case MAD_OVER_TIME:
                for (int i = from; i < to; i++) {
                    if (Double.isNaN(vs[i])) {
                        return Double.NaN;
                    }
                }
                return Stats.medianAbsoluteDeviation(scratch.copy(vs, from, to), n);
            case LAST_OVER_TIME:
                return vs[to - 1];
            case FIRST_OVER_TIME:
                return vs[from];
            case PRESENT_OVER_TIME:
                return 1;
            case TS_OF_LAST_OVER_TIME:
                return ts[to - 1] / 1000.0;
            case TS_OF_FIRST_OVER_TIME:
                return ts[from] / 1000.0;
            case TS_OF_MAX_OVER_TIME:
                return timestampOfExtreme(ts, vs, from, to, true);
            case TS_OF_MIN_OVER_TIME:
                return timestampOfExtreme(ts, vs, from, to, false);
            default:
                throw new IllegalStateException("BUG: no implementation for function " + functionName);
        }
    }

    private static double timestampOfExtreme(long[] ts, double[] vs, int from, int to, boolean max) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            double v = vs[i];
            double b = vs[best];
            if (Double.isNaN(b) || (max ? v >= b : v <= b)) {
                best = i;
            }
        }
        return ts[best] / 1000.0;
    }

    /** Reusable buffers for one evaluating thread. */
    static final class Scratch {
        final double[] regression = new double[2];
        private double[] values = new double[64];

        /** A copy of {@code vs[from, to)} at the start of a reused buffer, which the caller may reorder. */
        double[] copy(double[] vs, int from, int to) {
            int n = to - from;
            if (values.length < n) {
                values = new double[Math.max(n, values.length * 2)];
            }
            System.arraycopy(vs, from, values, 0, n);
            return values;
        }
    }
}
