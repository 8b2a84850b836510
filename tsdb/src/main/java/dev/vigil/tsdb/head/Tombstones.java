package dev.vigil.tsdb.head;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Deleted intervals per series: an immutable snapshot, replaced as a whole on every deletion so that a querier reads the
 * tombstones that existed when it opened. Intervals are inclusive, sorted and merged: {@code [min0, max0, min1, max1,
 * ...]}.
 */
final class Tombstones {
    static final Tombstones NONE = new Tombstones(Map.of());

    private final Map<Long, long[]> bySeries;

    private Tombstones(Map<Long, long[]> bySeries) {
        this.bySeries = bySeries;
    }

    /** Deleted intervals of series {@code id}, or null. */
    long[] of(long id) {
        return bySeries.isEmpty() ? null : bySeries.get(id);
    }

    boolean isEmpty() {
        return bySeries.isEmpty();
    }

    int seriesCount() {
        return bySeries.size();
    }

    long[] seriesIds() {
        long[] ids = bySeries.keySet().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(ids);
        return ids;
    }

    /** A copy with {@code [minT, maxT]} deleted in each of {@code ids}. */
    Tombstones with(long[] ids, long[] minT, long[] maxT, int n) {
        Map<Long, long[]> next = new HashMap<>(bySeries);
        for (int i = 0; i < n; i++) {
            next.put(ids[i], add(next.get(ids[i]), minT[i], maxT[i]));
        }
        return new Tombstones(next);
    }

    /** A copy without the tombstones of {@code ids}. */
    Tombstones without(long[] ids) {
        Map<Long, long[]> next = new HashMap<>(bySeries);
        for (long id : ids) {
            next.remove(id);
        }
        return next.isEmpty() ? NONE : new Tombstones(next);
    }

    /** Merges {@code [minT, maxT]} into sorted, disjoint intervals. */
    static long[] add(long[] intervals, long minT, long maxT) {
        int n = intervals == null ? 0 : intervals.length;
        long[] out = new long[n + 2];
        int o = 0;
        boolean placed = false;
        for (int i = 0; i < n; i += 2) {
            long a = intervals[i];
            long b = intervals[i + 1];
            if (b < minT && (minT == Long.MIN_VALUE || b < minT - 1)) {
                out[o++] = a;
                out[o++] = b;
            } else if (a > maxT && (maxT == Long.MAX_VALUE || a > maxT + 1)) {
                if (!placed) {
                    out[o++] = minT;
                    out[o++] = maxT;
                    placed = true;
                }
                out[o++] = a;
                out[o++] = b;
            } else {
                minT = Math.min(minT, a);
                maxT = Math.max(maxT, b);
            }
        }
        if (!placed) {
            out[o++] = minT;
            out[o++] = maxT;
        }
        return Arrays.copyOf(out, o);
    }

    /** Whether {@code t} lies in one of the intervals. */
    static boolean covers(long[] intervals, long t) {
        for (int i = 0; i < intervals.length; i += 2) {
            if (t < intervals[i]) {
                return false;
            }
            if (t <= intervals[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
