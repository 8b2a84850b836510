package dev.vigil.alerting.status;

import dev.vigil.alerting.template.GoFormat;
import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert of an alerting rule as {@code /api/v1/alerts} and the {@code alerts} of {@code /api/v1/rules} show it.
 *
 * @param labels the alert's labels (expanded, {@code alertname} included)
 * @param annotations the expanded annotations, sorted by name
 * @param state {@code pending} or {@code firing}
 * @param activeAt when the alert became active (JSON {@code activeAt})
 * @param keepFiringSince set while {@code keep_firing_for} keeps the alert firing (JSON omits it otherwise)
 * @param value the sample value that produced the alert at the last evaluation
 */
public record RuleAlertStatus(
        Labels labels,
        Map<String, String> annotations,
        String state,
        Instant activeAt,
        Optional<Instant> keepFiringSince,
        double value) {
    public RuleAlertStatus {
        Objects.requireNonNull(labels, "labels");
        annotations = SortedMaps.copy(annotations);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activeAt, "activeAt");
        Objects.requireNonNull(keepFiringSince, "keepFiringSince");
    }

    /** JSON {@code value}: the value as Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}, e.g. {@code 1.5e+01}. */
    public String valueString() {
        return GoFormat.formatFloat(value, 'e', -1);
    }
}
