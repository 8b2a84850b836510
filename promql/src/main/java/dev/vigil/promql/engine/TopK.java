package dev.vigil.promql.engine;

import dev.vigil.promql.value.Vector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The members of one group that {@code topk}/{@code bottomk} return, chosen the way Prometheus 3 chooses them, so
 * that among equal values the same series come out. Members are offered in input order to a binary heap of at most k
 * whose root is the worst member kept (the lowest for topk, the highest for bottomk; NaN is worse than any number). A
 * member displaces the root only when it is strictly better, or a number where the root is NaN. Plain sorting keeps
 * other members among equals: the heap's sift operations decide which equal member sits at the root.
 *
 * <p>The kept members come out best first. For up to 12 of them equal values are ordered as Prometheus orders them
 * (an insertion sort over the heap); for more, Prometheus's sort is unstable and Vigil keeps heap order among equals.
 * Stateless.
 */
final class TopK {
    private static final int INSERTION_SORT_MAX = 12;

    private TopK() {}

    /** Indexes into {@code in} of the kept members of {@code members}, best first. */
    static int[] select(Vector in, List<Integer> members, long k, boolean top) {
        int capacity = (int) Math.min(k, members.size());
        int[] heap = new int[capacity];
        int size = 0;
        for (int member : members) {
            if (size < capacity) {
                heap[size] = member;
                siftUp(in, heap, size, top);
                size++;
            } else if (displaces(in.value(member), in.value(heap[0]), top)) {
                heap[0] = member;
                siftDown(in, heap, 0, size, top);
            }
        }
        sortBestFirst(in, heap, top);
        return heap;
    }

    /** Whether a member with value {@code v} takes the place of the root with value {@code root}. */
    private static boolean displaces(double v, double root, boolean top) {
        if (Double.isNaN(root)) {
            return !Double.isNaN(v);
        }
        return top ? v > root : v < root;
    }

    /** Whether {@code a} is worse than {@code b}: the heap order, worst at the root; NaN is worse than anything. */
    private static boolean worse(Vector in, int a, int b, boolean top) {
        double va = in.value(a);
        if (Double.isNaN(va)) {
            return true;
        }
        double vb = in.value(b);
        return top ? va < vb : va > vb;
    }

    private static void siftUp(Vector in, int[] heap, int i, boolean top) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(in, heap[i], heap[parent], top)) {
                return;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private static void siftDown(Vector in, int[] heap, int i, int size, boolean top) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && worse(in, heap[child + 1], heap[child], top)) {
                child++;
            }
            if (!worse(in, heap[child], heap[i], top)) {
                return;
            }
            swap(heap, i, child);
            i = child;
        }
    }

    private static void sortBestFirst(Vector in, int[] heap, boolean top) {
        if (heap.length <= INSERTION_SORT_MAX) {
            for (int i = 1; i < heap.length; i++) {
                for (int j = i; j > 0 && worse(in, heap[j - 1], heap[j], top); j--) {
                    swap(heap, j, j - 1);
                }
            }
            return;
        }
        Integer[] boxed = Arrays.stream(heap).boxed().toArray(Integer[]::new);
        Comparator<Integer> bestFirst = (a, b) -> {
            double va = in.value(a);
            double vb = in.value(b);
            if (Double.isNaN(va) || Double.isNaN(vb)) {
                return Boolean.compare(Double.isNaN(va), Double.isNaN(vb));
            }
            return top ? Double.compare(vb, va) : Double.compare(va, vb);
        };
        Arrays.sort(boxed, bestFirst);
        for (int i = 0; i < heap.length; i++) {
            heap[i] = boxed[i];
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
