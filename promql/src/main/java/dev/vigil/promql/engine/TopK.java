package dev.vigil.promql.engine;

import dev.vigil.promql.value.Vector;

/**
 * How {@code topk}/{@code bottomk} choose a group's members, the way Prometheus chooses them, so that among equal values
 * the same series come out; both evaluation paths use it ({@link Aggregations} per step, {@link StepHeaps} over a whole
 * range). Members are offered in input order to a binary heap of at most k whose root is the worst member kept (the
 * lowest for topk, the highest for bottomk; NaN is worse than any number). A member displaces the root only when it is
 * strictly better, or a number where the root is NaN. Plain sorting keeps other members among equals: the heap's sift
 * operations decide which equal member sits at the root.
 *
 * <p>A heap is a pair of arrays, member indexes and their values, of which the first {@code size} entries are in use.
 * The kept members of one step come out best first ({@link #select}). For up to 12 of them equal values are ordered
 * as Prometheus orders them (an insertion sort over the heap); for more, Prometheus's sort is unstable and Vigil keeps
 * input order among equals. Stateless.
 */
final class TopK {
    private static final int INSERTION_SORT_MAX = 12;

    private TopK() {}

    /** Indexes into {@code in} of the kept members of {@code members} (input order), best first. */
    static int[] select(Vector in, int[] members, long k, boolean top) {
        int capacity = (int) Math.min(k, members.length);
        int[] heap = new int[capacity];
        double[] values = new double[capacity];
        int size = 0;
        for (int member : members) {
            size = offer(heap, values, size, capacity, member, in.value(member), top);
        }
        sortBestFirst(heap, values, top);
        return heap;
    }

    /**
     * Offers member {@code index} with value {@code v} to a heap of {@code size} members that keeps at most {@code
     * limit}; the arrays must have room for {@code min(limit, size + 1)} entries. Returns the heap's new size.
     */
    static int offer(int[] heap, double[] values, int size, long limit, int index, double v, boolean top) {
        if (size < limit) {
            heap[size] = index;
            values[size] = v;
            siftUp(heap, values, size, top);
            return size + 1;
        }
        if (size > 0 && displaces(v, values[0], top)) {
            heap[0] = index;
            values[0] = v;
            siftDown(heap, values, size, top);
        }
        return size;
    }

    /** Whether a member with value {@code v} takes the place of the root with value {@code root}. */
    private static boolean displaces(double v, double root, boolean top) {
        if (Double.isNaN(root)) {
            return !Double.isNaN(v);
        }
        return top ? v > root : v < root;
    }

    /** Whether value {@code a} is worse than {@code b}: the heap order, worst at the root; NaN is worse than anything. */
    private static boolean worse(double a, double b, boolean top) {
        if (Double.isNaN(a)) {
            return true;
        }
        return top ? a < b : a > b;
    }

    private static void siftUp(int[] heap, double[] values, int i, boolean top) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(values[i], values[parent], top)) {
                return;
            }
            swap(heap, values, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] heap, double[] values, int size, boolean top) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && worse(values[child + 1], values[child], top)) {
                child++;
            }
            if (!worse(values[child], values[i], top)) {
                return;
            }
            swap(heap, values, i, child);
            i = child;
        }
    }

    private static void sortBestFirst(int[] heap, double[] values, boolean top) {
        if (heap.length <= INSERTION_SORT_MAX) {
            for (int i = 1; i < heap.length; i++) {
                for (int j = i; j > 0 && worse(values[j - 1], values[j], top); j--) {
                    swap(heap, values, j, j - 1);
                }
            }
            return;
        }
        // Positions into the heap, sorted stably by value, NaN last; then ties keep input order.
        int[] order = IndexSort.identity(heap.length);
        IndexSort.sort(order, order.length, (a, b) -> {
            boolean an = Double.isNaN(values[a]);
            boolean bn = Double.isNaN(values[b]);
            if (an || bn) {
                return an != bn ? Boolean.compare(an, bn) : Integer.compare(heap[a], heap[b]);
            }
            if (worse(values[a], values[b], top)) {
                return 1;
            }
            return worse(values[b], values[a], top) ? -1 : Integer.compare(heap[a], heap[b]);
        });
        int[] sorted = new int[heap.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = heap[order[i]];
        }
        System.arraycopy(sorted, 0, heap, 0, heap.length);
    }

    private static void swap(int[] heap, double[] values, int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
        double v = values[i];
        values[i] = values[j];
        values[j] = v;
    }
}
