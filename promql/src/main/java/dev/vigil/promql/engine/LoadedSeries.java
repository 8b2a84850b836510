package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;

/**
 * The samples of one series that a selector needs for the whole query, read once from storage into primitive arrays
 * ({@code [0, count)}), so that every step of a range query only binary-searches them.
 */
record LoadedSeries(Labels labels, long[] timestamps, double[] values, int count) {
    /** Index of the first sample with timestamp {@code > t}, in {@code [0, count]}. */
    int firstAfter(long t) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
