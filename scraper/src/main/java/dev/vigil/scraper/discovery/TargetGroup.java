package dev.vigil.scraper.discovery;

import dev.vigil.model.labels.Labels;
import java.util.List;
import java.util.Objects;

/**
 * A group of targets found by one discovery mechanism, with labels shared by all of them. The same shape as
 * Prometheus's {@code targetgroup.Group}.
 *
 * @param source identifies the group within its discoverer (a file path and index, a URL and index, a Kubernetes
 *     object), so that updates of one group replace its previous version
 * @param targets one label set per target, each with at least {@code __address__} and possibly discovered
 *     {@code __meta_*} labels; a target's labels win over the group's labels
 * @param labels labels shared by every target of the group
 */
public record TargetGroup(String source, List<Labels> targets, Labels labels) {
    public TargetGroup {
        Objects.requireNonNull(source, "source");
        targets = List.copyOf(targets);
        Objects.requireNonNull(labels, "labels");
    }

    /** A group of plain addresses: each target is {@code {__address__="<address>"}}. */
    public static TargetGroup ofAddresses(String source, List<String> addresses, Labels labels) {
        return new TargetGroup(
                source,
                addresses.stream()
                        .map(a -> Labels.of(TargetLabelNames.ADDRESS, a))
                        .toList(),
                labels);
    }
}
