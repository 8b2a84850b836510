package dev.vigil.alerting.send;

import dev.vigil.model.labels.Labels;
import java.util.List;
import java.util.Objects;

/**
 * A group of discovered Alertmanager targets, the shape service discovery produces (the server adapts the scraper's
 * target groups to it). Each target has at least {@code __address__}; a target's labels win over the group's.
 */
public record DiscoveredGroup(List<Labels> targets, Labels labels) {
    public DiscoveredGroup {
        targets = List.copyOf(targets);
        Objects.requireNonNull(labels, "labels");
    }
}
