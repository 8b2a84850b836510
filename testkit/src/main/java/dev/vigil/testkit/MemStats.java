package dev.vigil.testkit;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.StorageStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TSDB status figures of {@link InMemoryStorage}, counted over every series in its index. Chunks: the in-memory
 * storage keeps plain arrays, so it reports none. Memory by label name: the UTF-8 bytes of the label's distinct
 * values. Top-N lists are ordered by count, most first, then by name.
 */
final class MemStats {
    private MemStats() {}

    static StorageStats compute(Collection<MemSeries> series, int limit) {
        Map<String, Long> byMetric = new HashMap<>();
        Map<String, Set<String>> valuesByName = new HashMap<>();
        Map<String, Long> byPair = new HashMap<>();
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (MemSeries s : series) {
            Labels labels = s.labels;
            for (int i = 0; i < labels.size(); i++) {
                String name = labels.name(i);
                String value = labels.value(i);
                if (name.equals(Labels.METRIC_NAME)) {
                    byMetric.merge(value, 1L, Long::sum);
                }
                valuesByName.computeIfAbsent(name, n -> new HashSet<>()).add(value);
                byPair.merge(name + "=" + value, 1L, Long::sum);
            }
            if (s.count > 0) {
                minTime = Math.min(minTime, s.timestamps[0]);
                maxTime = Math.max(maxTime, s.lastTimestamp());
            }
        }
        Map<String, Long> valueCounts = new HashMap<>();
        Map<String, Long> valueBytes = new HashMap<>();
        long pairs = 0;
        for (Map.Entry<String, Set<String>> e : valuesByName.entrySet()) {
            valueCounts.put(e.getKey(), (long) e.getValue().size());
            long bytes = 0;
            for (String v : e.getValue()) {
                bytes += v.getBytes(StandardCharsets.UTF_8).length;
            }
            valueBytes.put(e.getKey(), bytes);
            pairs += e.getValue().size();
        }
        return new StorageStats(
                new StorageStats.HeadStats(series.size(), pairs, 0, minTime, maxTime),
                top(byMetric, limit),
                top(valueCounts, limit),
                top(valueBytes, limit),
                top(byPair, limit));
    }

    private static List<StorageStats.Entry> top(Map<String, Long> counts, int limit) {
        List<StorageStats.Entry> entries = new ArrayList<>(counts.size());
        counts.forEach((name, count) -> entries.add(new StorageStats.Entry(name, count)));
        entries.sort(Comparator.comparingLong(StorageStats.Entry::value)
                .reversed()
                .thenComparing(StorageStats.Entry::name, Labels::compareStrings));
        return entries.subList(0, Math.min(limit, entries.size()));
    }
}
