package dev.vigil.config.alerting;

import dev.vigil.model.relabel.RelabelConfig;
import java.util.List;

/** The {@code alerting} section: relabeling applied to every alert, and the Alertmanagers to notify. */
public record AlertingConfig(List<RelabelConfig> alertRelabelConfigs, List<AlertmanagerConfig> alertmanagers) {
    public static final AlertingConfig NONE = new AlertingConfig(List.of(), List.of());

    public AlertingConfig {
        alertRelabelConfigs = List.copyOf(alertRelabelConfigs);
        alertmanagers = List.copyOf(alertmanagers);
    }
}
