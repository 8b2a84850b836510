package dev.vigil.alerting.status;

import dev.vigil.model.labels.Labels;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Unmodifiable copies of string maps sorted by key in Prometheus's (code point) order. */
final class SortedMaps {
    private SortedMaps() {}

    static Map<String, String> copy(Map<String, String> map) {
        TreeMap<String, String> sorted = new TreeMap<>(Labels::compareStrings);
        sorted.putAll(map);
        return Collections.unmodifiableMap(sorted);
    }
}
