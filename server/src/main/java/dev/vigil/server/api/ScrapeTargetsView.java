package dev.vigil.server.api;

import dev.vigil.scraper.discovery.TargetLabelNames;
import dev.vigil.scraper.target.ScrapeReport;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetStatusRegistry;
import dev.vigil.ui.status.ActiveTarget;
import dev.vigil.ui.status.PoolTargets;
import dev.vigil.ui.status.TargetsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The scraper's target registry as the API's {@link TargetsView}. Thread-safe: reads registry snapshots. */
final class ScrapeTargetsView implements TargetsView {
    private final TargetStatusRegistry registry;

    ScrapeTargetsView(TargetStatusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<String> scrapePools() {
        return registry.poolNames();
    }

    @Override
    public List<PoolTargets> pools() {
        List<PoolTargets> out = new ArrayList<>();
        for (Map.Entry<String, TargetStatusRegistry.PoolStatus> e :
                registry.snapshot().entrySet()) {
            TargetStatusRegistry.PoolStatus pool = e.getValue();
            List<ActiveTarget> active = new ArrayList<>(pool.active().size());
            for (Target t : pool.active()) {
                active.add(active(t));
            }
            out.add(new PoolTargets(e.getKey(), active, pool.dropped(), pool.droppedCount()));
        }
        return out;
    }

    private static ActiveTarget active(Target t) {
        ScrapeReport report = t.lastReport();
        return new ActiveTarget(
                t.discoveredLabels(),
                t.labels(),
                t.url().toString(),
                report.health().text(),
                report.lastError(),
                report.lastScrapeMs() == 0 ? null : Instant.ofEpochMilli(report.lastScrapeMs()),
                report.durationSeconds(),
                t.internalLabels().get(TargetLabelNames.SCRAPE_INTERVAL),
                t.internalLabels().get(TargetLabelNames.SCRAPE_TIMEOUT),
                t.metadata());
    }
}
