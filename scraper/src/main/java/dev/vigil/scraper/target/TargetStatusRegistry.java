package dev.vigil.scraper.target;

import dev.vigil.model.labels.Labels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The targets of every scrape pool, published by the pools after each discovery update and read by the API and UI.
 * Readers get immutable snapshots; the {@link Target}s in them carry their live {@link Target#lastReport()}.
 *
 * <p>Thread-safe.
 */
public final class TargetStatusRegistry {
    /**
     * One pool's targets.
     *
     * @param active the targets being scraped (or failing to be, with the reason in their report)
     * @param dropped discovered labels of targets relabeling dropped, at most {@code keep_dropped_targets} of them
     *     when that is set
     * @param droppedCount how many targets were dropped in all
     */
    public record PoolStatus(List<Target> active, List<Labels> dropped, int droppedCount) {
        public PoolStatus {
            active = List.copyOf(active);
            dropped = List.copyOf(dropped);
        }
    }

    private final Map<String, PoolStatus> pools = new ConcurrentHashMap<>();

    /** Replaces the status of pool {@code job}. */
    public void publish(String job, PoolStatus status) {
        pools.put(Objects.requireNonNull(job, "job"), Objects.requireNonNull(status, "status"));
    }

    /** Forgets pool {@code job} (removed from the configuration). */
    public void remove(String job) {
        pools.remove(job);
    }

    /** Every pool's status, by job name in sorted order. */
    public Map<String, PoolStatus> snapshot() {
        return new TreeMap<>(pools);
    }

    /** The job names, sorted. */
    public List<String> poolNames() {
        return pools.keySet().stream().sorted().toList();
    }
}
