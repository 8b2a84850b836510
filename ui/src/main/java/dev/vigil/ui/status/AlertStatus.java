package dev.vigil.ui.status;

import dev.vigil.model.labels.Labels;
import java.time.Instant;
import java.util.Objects;

/**
 * One active alert of an alerting rule.
 *
 * @param state {@code pending} or {@code firing}
 * @param activeAt when it became active
 * @param keepFiringSince since when it has been kept firing by {@code keep_firing_for}, {@code null} when not
 * @param value the value of the expression's sample that made it active
 */
public record AlertStatus(
        Labels labels, Labels annotations, AlertState state, Instant activeAt, Instant keepFiringSince, double value) {
    public AlertStatus {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(activeAt, "activeAt");
    }
}
