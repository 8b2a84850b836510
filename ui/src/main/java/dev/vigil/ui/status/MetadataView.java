package dev.vigil.ui.status;

import java.util.List;
import java.util.Optional;

/** The metric metadata (TYPE, HELP, UNIT) one target's scrapes exposed. */
public interface MetadataView {
    /** Every metric family's metadata. */
    List<MetricMetadata> list();

    /** One family's metadata, by the name its metadata lines used. */
    Optional<MetricMetadata> get(String metricFamily);

    MetadataView NONE = new MetadataView() {
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
