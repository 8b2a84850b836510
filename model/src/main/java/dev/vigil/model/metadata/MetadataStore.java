package dev.vigil.model.metadata;

import java.util.List;
import java.util.Optional;

/**
 * The metric metadata a target's scrapes have shown recently: written by its scrape loop, read by the metadata APIs.
 * Implementations are thread-safe.
 */
public interface MetadataStore {
    /** Every family's metadata, sorted by family name. */
    List<MetricMetadata> list();

    /** The metadata of one family, by the name its TYPE/HELP/UNIT lines used. */
    Optional<MetricMetadata> get(String metricFamily);

    /** A store without entries, e.g. of a target that has not been scraped. */
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
