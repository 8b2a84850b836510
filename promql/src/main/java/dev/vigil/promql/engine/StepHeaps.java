package dev.vigil.promql.engine;

import java.util.Arrays;

/**
 * For one topk/bottomk group, the best elements seen so far at each step of a range: a bounded heap per step of
 * (input series index, value), with the worst kept element at the root so that most offers are turned away by one
 * comparison. "Best" is the order {@link Aggregations} sorts by: highest (topk) or lowest (bottomk) value, NaN last,
 * and on ties the earlier input series, as a stable sort leaves them. Offers arrive series by series. One thread.
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
        int[] is = series[k];
        double[] vs = values[k];
        if (size < limit) {
            if (is == null) {
                is = new int[(int) Math.min(limit, 8)];
                vs = new double[is.length];
                series[k] = is;
                values[k] = vs;
            } else if (size == is.length) {
                int grown = (int) Math.min(limit, (long) size * 2);
                is = Arrays.copyOf(is, grown);
                vs = Arrays.copyOf(vs, grown);
                series[k] = is;
                values[k] = vs;
            }
            is[size] = index;
            vs[size] = v;
            siftUp(is, vs, size);
            sizes[k] = size + 1;
        } else if (better(v, index, vs[0], is[0])) {
            is[0] = index;
            vs[0] = v;
            siftDown(is, vs, size);
        }
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

    private boolean better(double x, int xi, double y, int yi) {
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn || yn) {
            return xn != yn ? yn : xi < yi;
        }
        int c = top ? Double.compare(y, x) : Double.compare(x, y);
        return c != 0 ? c < 0 : xi < yi;
    }

    private void siftUp(int[] is, double[] vs, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(vs[parent], is[parent], vs[at], is[at])) {
                return;
            }
            swap(is, vs, parent, at);
            at = parent;
        }
    }

    private void siftDown(int[] is, double[] vs, int size) {
        int at = 0;
        while (true) {
            int worst = at;
            int l = 2 * at + 1;
            int r = l + 1;
            if (l < size && better(vs[worst], is[worst], vs[l], is[l])) {
                worst = l;
            }
            if (r < size && better(vs[worst], is[worst], vs[r], is[r])) {
                worst = r;
            }
            if (worst == at) {
                return;
            }
            swap(is, vs, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] is, double[] vs, int i, int j) {
        int ti = is[i];
        is[i] = is[j];
        is[j] = ti;
        double tv = vs[i];
        vs[i] = vs[j];
        vs[j] = tv;
    }
}
