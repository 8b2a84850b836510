package dev.vigil.config.discovery;

import java.util.List;
import java.util.Map;

/**
 * A statically configured target group ({@code static_config}); the same shape is read from file and HTTP SD.
 *
 * @param targets {@code host:port} addresses
 * @param labels labels attached to every target of the group
 */
public record StaticConfig(List<String> targets, Map<String, String> labels) {
    public StaticConfig {
        targets = List.copyOf(targets);
        labels = Map.copyOf(labels);
    }
}
