package dev.vigil.scraper.loop;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.model.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads everything committed for some matchers, as label set to values in time order. */
final class StorageReader {
    private StorageReader() {}

    static Map<Labels, List<Double>> read(Storage storage, Matcher... matchers) {
        Map<Labels, List<Double>> out = new LinkedHashMap<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, matchers);
            while (set.next()) {
                List<Double> values = new ArrayList<>();
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    values.add(it.value());
                }
                out.put(set.at().labels(), values);
            }
        }
        return out;
    }

    static List<Double> values(Storage storage, String metric, String... nameValues) {
        List<Matcher> matchers = new ArrayList<>();
        matchers.add(Matcher.equal(Labels.METRIC_NAME, metric));
        for (int i = 0; i < nameValues.length; i += 2) {
            matchers.add(Matcher.equal(nameValues[i], nameValues[i + 1]));
        }
        Map<Labels, List<Double>> series = read(storage, matchers.toArray(Matcher[]::new));
        if (series.size() > 1) {
            throw new AssertionError("expected at most one series for " + metric + ", got " + series.keySet());
        }
        return series.isEmpty() ? List.of() : series.values().iterator().next();
    }

    /** The last value, or null when the series has no samples. */
    static Double last(Storage storage, String metric, String... nameValues) {
        List<Double> v = values(storage, metric, nameValues);
        return v.isEmpty() ? null : v.get(v.size() - 1);
    }
}
