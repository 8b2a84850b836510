package dev.vigil.ui.status;

import dev.vigil.model.labels.Labels;
import java.util.List;
import java.util.Objects;

/**
 * One scrape pool's targets.
 *
 * @param active the targets being scraped, in the pool's order
 * @param dropped the discovered labels of targets relabeling dropped (possibly only some, see {@code droppedCount})
 * @param droppedCount how many targets relabeling dropped in all
 */
public record PoolTargets(String scrapePool, List<ActiveTarget> active, List<Labels> dropped, int droppedCount) {
    public PoolTargets {
        Objects.requireNonNull(scrapePool, "scrapePool");
        active = List.copyOf(active);
        dropped = List.copyOf(dropped);
    }
}
