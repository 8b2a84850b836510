package dev.vigil.promql.engine;

/**
 * A stable sort of element indexes by a comparator on indexes, without boxing them: a vector's elements are sorted by
 * reordering an {@code int[]} of their positions. Stateless.
 */
final class IndexSort {
    /** Compares the elements at two indexes. */
    interface Comparator {
        int compare(int a, int b);
    }

    private IndexSort() {}

    /** Sorts {@code idx[0, n)} stably by {@code cmp}. */
    static void sort(int[] idx, int n, Comparator cmp) {
        if (n < 2) {
            return;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, cmp);
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, Comparator cmp) {
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** {@code [0, 1, ..., n - 1]}. */
    static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }
}
