package dev.vigil.scraper.loop;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;

/**
 * Merges a target's labels into a scraped series' labels. With {@code honor_labels: true} the scraped value wins;
 * otherwise the target's wins and the scraped one is kept as {@code exported_<name>} (or
 * {@code exported_exported_<name>}, ... until the name is free), as Prometheus does. Stateless.
 */
final class TargetLabelMerger {
    private static final String EXPORTED_PREFIX = "exported_";

    private TargetLabelMerger() {}

    static void merge(LabelsBuilder series, Labels target, boolean honorLabels) {
        if (honorLabels) {
            for (int i = 0; i < target.size(); i++) {
                if (series.get(target.name(i)).isEmpty()) {
                    series.set(target.name(i), target.value(i));
                }
            }
            return;
        }
        String[] conflicts = null;
        int n = 0;
        for (int i = 0; i < target.size(); i++) {
            String exposed = series.get(target.name(i));
            if (!exposed.isEmpty()) {
                if (conflicts == null) {
                    conflicts = new String[2 * target.size()];
                }
                conflicts[n++] = target.name(i);
                conflicts[n++] = exposed;
            }
            series.set(target.name(i), target.value(i));
        }
        for (int k = 0; k < n; k += 2) {
            String name = conflicts[k];
            do {
                name = EXPORTED_PREFIX + name;
            } while (!series.get(name).isEmpty());
            series.set(name, conflicts[k + 1]);
        }
    }
}
