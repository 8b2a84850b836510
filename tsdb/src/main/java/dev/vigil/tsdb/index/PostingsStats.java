package dev.vigil.tsdb.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Top-N figures over an index, as Prometheus's TSDB status page shows them. Immutable.
 *
 * @param labelPairs distinct label pairs
 * @param seriesByMetricName metric names with the most series
 * @param valuesByLabelName label names with the most distinct values
 * @param bytesByLabelName label names whose values take the most bytes over all series
 * @param seriesByLabelPair {@code name=value} pairs with the most series
 */
public record PostingsStats(
        long labelPairs,
        List<Stat> seriesByMetricName,
        List<Stat> valuesByLabelName,
        List<Stat> bytesByLabelName,
        List<Stat> seriesByLabelPair) {

    /** One entry of a top-N list. */
    public record Stat(String name, long count) {}

    /** Collects top-N lists; ties are ordered by name. Not thread-safe. */
    static final class Builder {
        private final int limit;
        private final TopN metrics;
        private final TopN values;
        private final TopN bytes;
        private final TopN pairs;
        private long labelPairs;

        Builder(int limit) {
            this.limit = Math.max(0, limit);
            metrics = new TopN(this.limit);
            values = new TopN(this.limit);
            bytes = new TopN(this.limit);
            pairs = new TopN(this.limit);
        }

        void metric(String name, long series) {
            metrics.offer(name, series);
        }

        void pair(String name, String value, long series) {
            labelPairs++;
            if (pairs.wouldKeep(series)) {
                pairs.offer(name + "=" + value, series);
            }
        }

        void labelName(String name, long distinctValues, long valueBytes) {
            values.offer(name, distinctValues);
            bytes.offer(name, valueBytes);
        }

        PostingsStats build() {
            return new PostingsStats(labelPairs, metrics.sorted(), values.sorted(), bytes.sorted(), pairs.sorted());
        }
    }

    private static final class TopN {
        private static final Comparator<Stat> ORDER =
                Comparator.comparingLong(Stat::count).thenComparing(Stat::name, Comparator.reverseOrder());
        private final int limit;
        private final PriorityQueue<Stat> heap = new PriorityQueue<>(ORDER);

        TopN(int limit) {
            this.limit = limit;
        }

        /** False when an entry with this count cannot enter the list (saves building its name). */
        boolean wouldKeep(long count) {
            return limit > 0 && (heap.size() < limit || count >= heap.peek().count());
        }

        void offer(String name, long count) {
            if (limit == 0) {
                return;
            }
            if (heap.size() < limit) {
                heap.add(new Stat(name, count));
            } else if (ORDER.compare(new Stat(name, count), heap.peek()) > 0) {
                heap.poll();
                heap.add(new Stat(name, count));
            }
        }

        List<Stat> sorted() {
            List<Stat> out = new ArrayList<>(heap);
            out.sort(ORDER.reversed());
            return out;
        }
    }
}
