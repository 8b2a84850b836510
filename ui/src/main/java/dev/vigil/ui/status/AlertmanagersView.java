package dev.vigil.ui.status;

import java.util.List;

/** The Alertmanagers alerts are sent to, for {@code /api/v1/alertmanagers}. */
public interface AlertmanagersView {
    /** URLs of the Alertmanagers' alert endpoints, e.g. {@code http://am:9093/api/v2/alerts}. */
    List<String> activeAlertmanagers();

    /** URLs of discovered Alertmanagers that relabeling dropped. */
    List<String> droppedAlertmanagers();

    /** No notifier wired. */
    AlertmanagersView NONE = new AlertmanagersView() {
        @Override
        public List<String> activeAlertmanagers() {
            return List.of();
        }

        @Override
        public List<String> droppedAlertmanagers() {
            return List.of();
        }
    };
}
