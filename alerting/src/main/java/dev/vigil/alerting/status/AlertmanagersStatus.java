package dev.vigil.alerting.status;

import java.util.List;

/**
 * The Alertmanagers alerts are sent to, as {@code /api/v1/alertmanagers} shows them.
 *
 * @param activeAlertmanagers the alert push URLs of the discovered Alertmanagers, e.g.
 *     {@code http://am:9093/api/v2/alerts} (JSON {@code activeAlertmanagers[].url})
 * @param droppedAlertmanagers URLs of the Alertmanagers that relabeling dropped (JSON {@code droppedAlertmanagers})
 */
public record AlertmanagersStatus(List<String> activeAlertmanagers, List<String> droppedAlertmanagers) {
    public static final AlertmanagersStatus NONE = new AlertmanagersStatus(List.of(), List.of());

    public AlertmanagersStatus {
        activeAlertmanagers = List.copyOf(activeAlertmanagers);
        droppedAlertmanagers = List.copyOf(droppedAlertmanagers);
    }
}
