package dev.vigil.promql.functions;

import dev.vigil.promql.value.Series;

/**
 * Range-vector kernels over the samples of one {@link Series} window. Callers check the minimum sample count each
 * function documents (most need two samples) before calling.
 */
public final class RangeFunctions {
    private RangeFunctions() {}

    /**
     * {@code rate}, {@code increase} and {@code delta}: the change over the window, corrected for counter resets when
     * {@code counter}, extrapolated towards the window's edges (by at most half the average sample interval, and for
     * counters never below zero), per second when {@code perSecond}. Needs two samples.
     */
    public static double extrapolatedDelta(
            Series s, long rangeStartMs, long rangeEndMs, boolean counter, boolean perSecond) {
        int n = s.size();
        double first = s.value(0);
        double last = s.value(n - 1);
        double result = last - first;
        if (counter) {
            double prev = first;
            for (int i = 1; i < n; i++) {
                double v = s.value(i);
                if (v < prev) {
                    result += prev;
                }
                prev = v;
            }
        }
        long firstT = s.timestamp(0);
        long lastT = s.timestamp(n - 1);
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
    public static double instant(Series s, boolean rate) {
        int n = s.size();
        double prev = s.value(n - 2);
        double last = s.value(n - 1);
        double result = rate && last < prev ? last : last - prev;
        if (!rate) {
            return result;
        }
        double seconds = (s.timestamp(n - 1) - s.timestamp(n - 2)) / 1000.0;
        return seconds == 0 ? Double.NaN : result / seconds;
    }

    /**
     * Least-squares fit of value over time, with time in seconds relative to {@code interceptTimeMs}: {@code
     * out[0]} is the slope, {@code out[1]} the value at the intercept time. Needs two samples.
     */
    public static void linearRegression(Series s, long interceptTimeMs, double[] out) {
        int n = s.size();
        double first = s.value(0);
        boolean constant = true;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        double cX = 0;
        double cY = 0;
        double cXY = 0;
        double cX2 = 0;
        for (int i = 0; i < n; i++) {
            double y = s.value(i);
            if (constant && i > 0 && y != first) {
                constant = false;
            }
            double x = (s.timestamp(i) - interceptTimeMs) / 1000.0;
            double[] r = kahan(sumX, cX, x);
            sumX = r[0];
            cX = r[1];
            r = kahan(sumY, cY, y);
            sumY = r[0];
            cY = r[1];
            r = kahan(sumXY, cXY, x * y);
            sumXY = r[0];
            cXY = r[1];
            r = kahan(sumX2, cX2, x * x);
            sumX2 = r[0];
            cX2 = r[1];
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

    private static double[] kahan(double sum, double c, double inc) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c += (sum - t) + inc;
        } else {
            c += (inc - t) + sum;
        }
        return new double[] {t, c};
    }

    /** Number of times the value decreased. */
    public static int resets(Series s) {
        int resets = 0;
        for (int i = 1; i < s.size(); i++) {
            if (s.value(i) < s.value(i - 1)) {
                resets++;
            }
        }
        return resets;
    }

    /** Number of times the value changed; NaN to NaN is no change. */
    public static int changes(Series s) {
        int changes = 0;
        for (int i = 1; i < s.size(); i++) {
            double prev = s.value(i - 1);
            double cur = s.value(i);
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
    public static double doubleExponentialSmoothing(Series s, double sf, double tf) {
        double previous = 0;
        double smoothed = s.value(0);
        double trend = s.value(1) - s.value(0);
        for (int i = 1; i < s.size(); i++) {
            if (i > 1) {
                trend = tf * (smoothed - previous) + (1 - tf) * trend;
            }
            double next = sf * s.value(i) + (1 - sf) * (smoothed + trend);
            previous = smoothed;
            smoothed = next;
        }
        return smoothed;
    }
}
