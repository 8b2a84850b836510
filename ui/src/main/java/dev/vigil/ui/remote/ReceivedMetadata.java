package dev.vigil.ui.remote;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest metric metadata (type, help, unit per metric family) that remote write senders sent, for the metadata
 * API. Bounded: once {@link #capacity} families are known, metadata of new families is not kept (and counted as
 * ignored) while known families still update. Thread-safe.
 */
public final class ReceivedMetadata {
    /** One family's metadata, in Prometheus's lower-case type names ({@code counter}, {@code gauge}, ...). */
    public record Entry(String type, String help, String unit) {}

    private final int capacity;
    private final Map<String, Entry> byFamily = new ConcurrentHashMap<>();
    private volatile long ignored;

    public ReceivedMetadata(int capacity) {
        this.capacity = capacity;
    }

    void record(String family, String type, String help, String unit) {
        Entry entry = new Entry(type, help, unit);
        if (byFamily.size() >= capacity && !byFamily.containsKey(family)) {
            synchronized (this) {
                ignored++;
            }
            return;
        }
        byFamily.put(family, entry);
    }

    /** A sorted copy of what is known. */
    public Map<String, Entry> snapshot() {
        return new TreeMap<>(byFamily);
    }

    /** Families whose metadata was not kept because the capacity was reached. */
    public long ignored() {
        return ignored;
    }

    /** Prometheus's name for a {@code MetricMetadata.MetricType} enum value. */
    static String typeName(int type) {
        return switch (type) {
            case 1 -> "counter";
            case 2 -> "gauge";
            case 3 -> "histogram";
            case 4 -> "gaugehistogram";
            case 5 -> "summary";
            case 6 -> "info";
            case 7 -> "stateset";
            default -> "unknown";
        };
    }
}
