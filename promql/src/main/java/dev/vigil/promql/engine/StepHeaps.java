package dev.vigil.promql.engine;

import java.util.Arrays;

/**
 * For one topk/bottomk group, the members kept so far at each step of a range: per step a heap of (input series index,
 * value) kept by {@link TopK}'s rules, so that offering each step's members in input order keeps the members a
 * step-by-step evaluation keeps, also among equal values. Offers arrive series by series. One thread.
 */
final class StepHeaps {
    private final boolean top;
    private final long[] limits;
    private final int[][] series;
    private final double[][] values;
    private final int[] sizes;

    /** {@code limits[k]}: how many elements step {@code k} keeps (below 1: none). */
    StepHeaps(boolean top, long[] limits) {
        this.top = top;
        this.limits = limits;
        this.series = new int[limits.length][];
        this.values = new double[limits.length][];
        this.sizes = new int[limits.length];
    }

    void offer(int k, int index, double v) {
        long limit = limits[k];
        if (limit < 1) {
            return;
        }
        int size = sizes[k];
        if (size < limit) {
            if (series[k] == null) {
                series[k] = new int[(int) Math.min(limit, 8)];
                values[k] = new double[series[k].length];
            } else if (size == series[k].length) {
                int grown = (int) Math.min(limit, (long) size * 2);
                series[k] = Arrays.copyOf(series[k], grown);
                values[k] = Arrays.copyOf(values[k], grown);
            }
        }
        sizes[k] = TopK.offer(series[k], values[k], size, limit, index, v, top);
    }

    /** Number of elements kept at step {@code k}. */
    int size(int k) {
        return sizes[k];
    }

    int series(int k, int i) {
        return series[k][i];
    }

    double value(int k, int i) {
        return values[k][i];
    }
}
