package dev.vigil.scraper.discovery;

import dev.vigil.config.discovery.StaticConfig;
import java.util.List;

/** All {@code static_configs} of one job, which form a single discovery provider as in Prometheus. */
public record StaticConfigs(List<StaticConfig> configs) {
    public StaticConfigs {
        configs = List.copyOf(configs);
    }
}
