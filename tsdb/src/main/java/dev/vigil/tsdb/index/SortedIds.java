package dev.vigil.tsdb.index;

import java.util.Arrays;
import java.util.List;

/** Set operations on ascending, duplicate-free {@code long[]} id lists. */
final class SortedIds {
    static final long[] EMPTY = new long[0];

    private SortedIds() {}

    static long[] intersect(long[] a, long[] b) {
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

    static long[] subtract(long[] a, long[] b) {
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

    static long[] union(List<long[]> lists) {
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
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }
}
