package dev.vigil.alerting.send;

import dev.vigil.alerting.notify.Alert;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.relabel.Relabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Adds external labels and applies alert relabeling, as Prometheus does before sending. Stateless. */
final class AlertRelabeling {
    private AlertRelabeling() {}

    /**
     * External labels are added where the alert has no label of that name; then {@code relabeler} runs; alerts it
     * drops are left out. Alerts whose labels did not change are returned as they are.
     */
    static List<Alert> apply(List<Alert> alerts, Relabeler relabeler, Map<String, String> externalLabels) {
        if (relabeler.isEmpty() && externalLabels.isEmpty()) {
            return alerts;
        }
        List<Alert> out = new ArrayList<>(alerts.size());
        LabelsBuilder builder = new LabelsBuilder();
        for (Alert a : alerts) {
            builder.reset(a.labels());
            externalLabels.forEach((name, value) -> {
                if (!a.labels().has(name)) {
                    builder.set(name, value);
                }
            });
            if (!relabeler.apply(builder)) {
                continue;
            }
            Labels relabeled = builder.labels();
            out.add(
                    relabeled.equals(a.labels())
                            ? a
                            : Alert.of(relabeled, a.annotations(), a.startsAt(), a.endsAt(), a.generatorURL()));
        }
        return out;
    }
}
