package dev.vigil.promql.engine;

import java.util.Arrays;

/**
 * An instant-vector expression evaluated over all steps of a range query: its series, each with the steps at which it
 * has an element. Series with no element at any step are left out. The order of the series is the order in which a
 * step-by-step evaluation would list their elements. Built by one thread, then read-only.
 */
final class StepVector {
    private StepSeries[] series;
    private int size;
    private long points;

    StepVector(int capacity) {
        series = new StepSeries[Math.max(capacity, 1)];
    }

    /** Appends {@code s} unless it has no element at any step. */
    void add(StepSeries s) {
        if (s == null || s.count() == 0) {
            return;
        }
        if (size == series.length) {
            series = Arrays.copyOf(series, size * 2);
        }
        series[size++] = s;
        points += s.count();
    }

    int size() {
        return size;
    }

    StepSeries get(int i) {
        return series[i];
    }

    /** Elements over all series and steps: what the vector holds in memory, in samples. */
    long points() {
        return points;
    }
}
