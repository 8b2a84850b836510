package dev.vigil.tsdb.index;

import java.util.Arrays;
import java.util.List;

/** Set operations on ascending, duplicate-free {@code long[]} id lists. */
public final class SortedIds {
    public static final long[] EMPTY = new long[0];

    private SortedIds() {}

    public static long[] intersect(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    public static long[] subtract(long[] a, long[] b) {
        if (b.length == 0) {
            return a;
        }
        long[] out = new long[a.length];
        int j = 0;
        int n = 0;
        for (long v : a) {
            while (j < b.length && b[j] < v) {
                j++;
            }
            if (j >= b.length || b[j] != v) {
                out[n++] = v;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    public static long[] union(List<long[]> lists) {
        if (lists.isEmpty()) {
            return EMPTY;
        }
        if (lists.size() == 1) {
            return lists.get(0);
        }
        int total = 0;
        for (long[] l : lists) {
            total += l.length;
        }
        long[] all = new long[total];
        int pos = 0;
        for (long[] l : lists) {
            System.arraycopy(l, 0, all, pos, l.length);
            pos += l.length;
        }
        return sortedDistinct(all, all.length);
    }

    /** Sorts the first {@code n} values and drops duplicates; may reuse {@code values}. */
    public static long[] sortedDistinct(long[] values, int n) {
        Arrays.sort(values, 0, n);
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (out == 0 || values[out - 1] != values[i]) {
                values[out++] = values[i];
            }
        }
        return out == values.length ? values : Arrays.copyOf(values, out);
    }

    /** Whether {@code id} is in the ascending list. */
    public static boolean contains(long[] sorted, long id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }
}
