package dev.vigil.ui.status;

import java.util.List;

/** The scrape pools and their targets, for {@code /api/v1/targets}, {@code /scrape_pools} and the metadata APIs. */
public interface TargetsView {
    /** The configured scrape pools (job names), in any order. */
    List<String> scrapePools();

    /** A snapshot of every pool's targets, in any order. */
    List<PoolTargets> pools();

    /** No scraping wired. */
    TargetsView NONE = new TargetsView() {
        @Override
        public List<String> scrapePools() {
            return List.of();
        }

        @Override
        public List<PoolTargets> pools() {
            return List.of();
        }
    };
}
