package dev.vigil.promql.functions;

import java.util.Arrays;

/**
 * Numeric reductions shared by aggregation operators and {@code *_over_time} functions, over {@code v[from, to)}.
 * Sums use Kahan-Neumaier compensation, as Prometheus does, so that e.g. {@code 1e100 + 1 - 1e100} keeps the 1.
 */
public final class Stats {
    private Stats() {}

    public static double sum(double[] v, int from, int to) {
        double sum = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double x = v[i];
            double t = sum + x;
            if (Double.isInfinite(t)) {
                c = 0;
            } else if (Math.abs(sum) >= Math.abs(x)) {
                c += (sum - t) + x;
            } else {
                c += (x - t) + sum;
            }
            sum = t;
        }
        return Double.isInfinite(sum) ? sum : sum + c;
    }

    /** The arithmetic mean; falls back to an incremental mean when the plain sum of finite values overflows. */
    public static double mean(double[] v, int from, int to) {
        int n = to - from;
        double s = sum(v, from, to);
        if (!Double.isInfinite(s)) {
            return s / n;
        }
        for (int i = from; i < to; i++) {
            if (Double.isInfinite(v[i])) {
                return s / n;
            }
        }
        double mean = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            int k = i - from + 1;
            double inc = v[i] / k - mean / k;
            double t = mean + inc;
            if (Math.abs(mean) >= Math.abs(inc)) {
                c += (mean - t) + inc;
            } else {
                c += (inc - t) + mean;
            }
            mean = t;
            c -= c / k;
        }
        return mean + c;
    }

    /** Minimum; NaN only if all values are NaN. */
    public static double min(double[] v, int from, int to) {
        double m = v[from];
        for (int i = from + 1; i < to; i++) {
            if (m > v[i] || Double.isNaN(m)) {
                m = v[i];
            }
        }
        return m;
    }

    /** Maximum; NaN only if all values are NaN. */
    public static double max(double[] v, int from, int to) {
        double m = v[from];
        for (int i = from + 1; i < to; i++) {
            if (m < v[i] || Double.isNaN(m)) {
                m = v[i];
            }
        }
        return m;
    }

    /** Population variance by Welford's method. */
    public static double variance(double[] v, int from, int to) {
        double mean = 0;
        double m2 = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            n++;
            double delta = v[i] - mean;
            mean += delta / n;
            m2 += delta * (v[i] - mean);
        }
        return m2 / n;
    }

    /**
     * The φ-quantile of {@code v[0, n)} by linear interpolation between closest ranks; sorts {@code v} in place. φ
     * below 0 gives -Inf, above 1 +Inf. NaN values sort first, as in Prometheus.
     */
    public static double quantile(double phi, double[] v, int n) {
        if (n == 0 || Double.isNaN(phi)) {
            return Double.NaN;
        }
        if (phi < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (phi > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(v, n);
        double rank = phi * (n - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return v[lower] * (1 - weight) + v[upper] * weight;
    }

    /** Median absolute deviation from the median of {@code v[0, n)}; reorders {@code v}. */
    public static double medianAbsoluteDeviation(double[] v, int n) {
        double median = quantile(0.5, v, n);
        for (int i = 0; i < n; i++) {
            v[i] = Math.abs(v[i] - median);
        }
        return quantile(0.5, v, n);
    }

    private static void sortNaNFirst(double[] v, int n) {
        Arrays.sort(v, 0, n);
        int nans = 0;
        while (nans < n && Double.isNaN(v[n - 1 - nans])) {
            nans++;
        }
        if (nans > 0) {
            System.arraycopy(v, 0, v, nans, n - nans);
            Arrays.fill(v, 0, nans, Double.NaN);
        }
    }
}
