package dev.vigil.scraper.target;

import java.util.List;
import java.util.Optional;

/**
 * The metric metadata a target's scrapes have shown recently, as the metadata APIs read it. Implementations are
 * thread-safe: the scrape loop writes while the API reads.
 */
public interface MetadataStore {
    /** Every family's metadata, sorted by family name. */
    List<MetricMetadata> list();

    /** The metadata of one family, by the name its TYPE/HELP/UNIT lines used. */
    Optional<MetricMetadata> get(String metricFamily);

    /** The store of a target that has not been scraped. */
    MetadataStore EMPTY = new MetadataStore() {
        @Override
        public List<MetricMetadata> list() {
            return List.of();
        }

        @Override
        public Optional<MetricMetadata> get(String metricFamily) {
            return Optional.empty();
        }
    };
}
