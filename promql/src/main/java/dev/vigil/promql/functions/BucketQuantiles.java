package dev.vigil.promql.functions;

import java.util.Arrays;

/**
 * Quantiles and fractions of classic histograms, given as buckets (upper bound {@code le}, cumulative count). A
 * reusable buffer: {@link #reset()}, {@link #add} each bucket series, then ask. Not thread-safe.
 */
public final class BucketQuantiles {
    private double[] upper = new double[16];
    private double[] counts = new double[16];
    private int n;
    private boolean forcedMonotonic;

    public void reset() {
        n = 0;
        forcedMonotonic = false;
    }

    public void add(double upperBound, double count) {
        if (n == upper.length) {
            upper = Arrays.copyOf(upper, n * 2);
            counts = Arrays.copyOf(counts, n * 2);
        }
        upper[n] = upperBound;
        counts[n] = count;
        n++;
    }

    /** Whether the last computation had to raise bucket counts to make them cumulative. */
    public boolean forcedMonotonic() {
        return forcedMonotonic;
    }

    /**
     * The φ-quantile, interpolating linearly inside the bucket the rank falls in; the lowest bucket starts at 0 unless
     * its upper bound is not positive. NaN without a +Inf bucket, with fewer than two buckets or no observations.
     */
    public double quantile(double phi) {
        if (Double.isNaN(phi)) {
            return Double.NaN;
        }
        if (phi < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (phi > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (!prepare()) {
            return Double.NaN;
        }
        double observations = counts[n - 1];
        if (observations == 0 || Double.isNaN(observations)) {
            return Double.NaN;
        }
        double rank = phi * observations;
        int b = 0;
        while (b < n - 1 && counts[b] < rank) {
            b++;
        }
        if (b == n - 1) {
            return upper[n - 2];
        }
        if (b == 0 && upper[0] <= 0) {
            return upper[0];
        }
        double start = b == 0 ? 0 : upper[b - 1];
        double end = upper[b];
        double count = counts[b];
        if (b > 0) {
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return start + (end - start) * (rank / count);
    }

    /**
     * The fraction of observations between {@code lower} and {@code upper}, interpolating linearly inside buckets.
     * NaN when the buckets are unusable as for {@link #quantile}.
     */
    public double fraction(double lower, double upperLimit) {
        if (!prepare() && n < 1) {
            return Double.NaN;
        }
        double observations = counts[n - 1];
        if (observations == 0 || Double.isNaN(observations) || Double.isNaN(lower) || Double.isNaN(upperLimit)) {
            return Double.NaN;
        }
        if (lower >= upperLimit) {
            return 0;
        }
        return (rankAt(upperLimit) - rankAt(lower)) / observations;
    }

    /** Estimated number of observations {@code <= v}. */
    private double rankAt(double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        if (v == Double.POSITIVE_INFINITY) {
            return counts[n - 1];
        }
        for (int b = 0; b < n; b++) {
            if (v > upper[b]) {
                continue;
            }
            double below = b == 0 ? 0 : counts[b - 1];
            if (upper[b] == Double.POSITIVE_INFINITY) {
                return below;
            }
            double start = b > 0 ? upper[b - 1] : upper[0] > 0 ? 0 : Double.NEGATIVE_INFINITY;
            if (start == Double.NEGATIVE_INFINITY) {
                // No interpolation inside a bucket of infinite width: all of it counts as below v.
                return counts[b];
            }
            if (v <= start) {
                return below;
            }
            return below + (counts[b] - below) * (v - start) / (upper[b] - start);
        }
        return counts[n - 1];
    }

    /** Sorts, merges equal bounds and forces cumulative counts; false if the buckets cannot give an answer. */
    private boolean prepare() {
        forcedMonotonic = false;
        sortByUpper();
        if (n == 0 || upper[n - 1] != Double.POSITIVE_INFINITY) {
            n = 0;
            return false;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && upper[m - 1] == upper[i]) {
                counts[m - 1] += counts[i];
            } else {
                upper[m] = upper[i];
                counts[m] = counts[i];
                m++;
            }
        }
        n = m;
        double prev = counts[0];
        for (int i = 1; i < n; i++) {
            double cur = counts[i];
            if (cur == prev) {
                continue;
            }
            if (Math.abs(cur - prev) <= 1e-12 * Math.max(Math.abs(cur), Math.abs(prev))) {
                counts[i] = prev;
                continue;
            }
            if (cur < prev) {
                counts[i] = prev;
                forcedMonotonic = true;
                continue;
            }
            prev = cur;
        }
        return n >= 2;
    }

    private void sortByUpper() {
        for (int i = 1; i < n; i++) {
            double u = upper[i];
            double c = counts[i];
            int j = i - 1;
            while (j >= 0 && upper[j] > u) {
                upper[j + 1] = upper[j];
                counts[j + 1] = counts[j];
                j--;
            }
            upper[j + 1] = u;
            counts[j + 1] = c;
        }
    }
}
