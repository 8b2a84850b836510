package dev.vigil.promql.functions;

/**
 * Range-vector kernels over one window of one series: the samples {@code [from, to)} of parallel timestamp and value
 * arrays, so that callers can slide windows over a series' arrays without creating an object per window. Callers
 * check the minimum sample count each function documents (most need two samples) before calling. Stateless.
 */
public final class RangeFunctions {
    private RangeFunctions() {}

    /**
     * {@code rate}, {@code increase} and {@code delta}: the change over the window, corrected for counter resets when
     * {@code counter}, extrapolated towards the window's edges (by at most half the average sample interval, and for
     * counters never below zero), per second when {@code perSecond}. Needs two samples.
     */
    public static double extrapolatedDelta(
            long[] ts,
            double[] vs,
            int from,
            int to,
            long rangeStartMs,
            long rangeEndMs,
            boolean counter,
            boolean perSecond) {
        double result = counter ? counterIncrease(vs, from, to) : vs[to - 1] - vs[from];
        return extrapolate(ts, vs, from, to, result, rangeStartMs, rangeEndMs, counter, perSecond);
    }

    /** The last value minus the first, plus the value before each drop (a counter reset). */
    public static double counterIncrease(double[] vs, int from, int to) {
        double result = vs[to - 1] - vs[from];
        double prev = vs[from];
        for (int i = from + 1; i < to; i++) {
            double v = vs[i];
            if (v < prev) {
                result += prev;
            }
            prev = v;
        }
        return result;
    }

    /**
     * The second half of {@link #extrapolatedDelta}: {@code result}, the change over the samples, extrapolated
     * towards the window's edges.
     */
    public static double extrapolate(
            long[] ts,
            double[] vs,
            int from,
            int to,
            double result,
            long rangeStartMs,
            long rangeEndMs,
            boolean counter,
            boolean perSecond) {
        int n = to - from;
        double first = vs[from];
        long firstT = ts[from];
        long lastT = ts[to - 1];
        double toStart = (firstT - rangeStartMs) / 1000.0;
        double toEnd = (rangeEndMs - lastT) / 1000.0;
        double sampled = (lastT - firstT) / 1000.0;
        double averageInterval = sampled / (n - 1);
        double threshold = averageInterval * 1.1;
        if (toStart >= threshold) {
            toStart = averageInterval / 2;
        }
        if (counter && result > 0 && first >= 0) {
            // A counter cannot have been below zero before the window: do not extrapolate past where it was zero.
            double toZero = sampled * (first / result);
            if (toZero < toStart) {
                toStart = toZero;
            }
        }
        if (toEnd >= threshold) {
            toEnd = averageInterval / 2;
        }
        double factor = (sampled + toStart + toEnd) / sampled;
        if (perSecond) {
            factor /= (rangeEndMs - rangeStartMs) / 1000.0;
        }
        return result * factor;
    }

    /** {@code irate} and {@code idelta}: from the last two samples. Needs two samples. */
    public static double instant(long[] ts, double[] vs, int from, int to, boolean rate) {
        double prev = vs[to - 2];
        double last = vs[to - 1];
        double result = rate && last < prev ? last : last - prev;
        if (!rate) {
            return result;
        }
        double seconds = (ts[to - 1] - ts[to - 2]) / 1000.0;
        return seconds == 0 ? Double.NaN : result / seconds;
    }

    /**
     * Least-squares fit of value over time, with time in seconds relative to {@code interceptTimeMs}: {@code
     * out[0]} is the slope, {@code out[1]} the value at the intercept time. Needs two samples.
     */
    public static void linearRegression(long[] ts, double[] vs, int from, int to, long interceptTimeMs, double[] out) {
        int n = to - from;
        double first = vs[from];
        boolean constant = true;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        double cX = 0;
        double cY = 0;
        double cXY = 0;
        double cX2 = 0;
        for (int i = from; i < to; i++) {
            double y = vs[i];
            if (constant && i > from && y != first) {
                constant = false;
            }
            double x = (ts[i] - interceptTimeMs) / 1000.0;
            double t = sumX + x;
            cX = kahanCompensation(cX, sumX, x, t);
            sumX = t;
            t = sumY + y;
            cY = kahanCompensation(cY, sumY, y, t);
            sumY = t;
            double xy = x * y;
            t = sumXY + xy;
            cXY = kahanCompensation(cXY, sumXY, xy, t);
            sumXY = t;
            double x2 = x * x;
            t = sumX2 + x2;
            cX2 = kahanCompensation(cX2, sumX2, x2, t);
            sumX2 = t;
        }
        if (constant) {
            out[0] = Double.isInfinite(first) ? Double.NaN : 0;
            out[1] = Double.isInfinite(first) ? Double.NaN : first;
            return;
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        out[0] = slope;
        out[1] = sumY / n - slope * sumX / n;
    }

    /** The Kahan-Neumaier compensation after adding {@code inc} to {@code sum}, giving {@code t}. */
    private static double kahanCompensation(double c, double sum, double inc, double t) {
        if (Double.isInfinite(t)) {
            return 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            return c + ((sum - t) + inc);
        }
        return c + ((inc - t) + sum);
    }

    /** Number of times the value decreased. */
    public static int resets(double[] vs, int from, int to) {
        int resets = 0;
        for (int i = from + 1; i < to; i++) {
            if (vs[i] < vs[i - 1]) {
                resets++;
            }
        }
        return resets;
    }

    /** Number of times the value changed; NaN to NaN is no change. */
    public static int changes(double[] vs, int from, int to) {
        int changes = 0;
        for (int i = from + 1; i < to; i++) {
            double prev = vs[i - 1];
            double cur = vs[i];
            if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
        }
        return changes;
    }

    /**
     * Holt's double exponential smoothing with smoothing factor {@code sf} and trend factor {@code tf}, both in (0,
     * 1); the smoothed value at the last sample. Needs two samples.
     */
    public static double doubleExponentialSmoothing(double[] vs, int from, int to, double sf, double tf) {
        double previous = 0;
        double smoothed = vs[from];
        double trend = vs[from + 1] - vs[from];
        for (int i = from + 1; i < to; i++) {
            if (i > from + 1) {
                trend = tf * (smoothed - previous) + (1 - tf) * trend;
            }
            double next = sf * vs[i] + (1 - sf) * (smoothed + trend);
            previous = smoothed;
            smoothed = next;
        }
        return smoothed;
    }
}
