package dev.vigil.tsdb;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;

/** Reading back what tests wrote. */
final class Samples {
    private Samples() {}

    /** The timestamps of every series matching, series after series in label order, over all time. */
    static List<Long> times(Tsdb tsdb, Matcher... matchers) {
        List<Long> out = new ArrayList<>();
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, matchers);
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    out.add(it.timestamp());
                }
            }
        }
        return out;
    }
}
