package dev.vigil.scraper.discovery;

import dev.vigil.config.discovery.StaticConfig;
import dev.vigil.model.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Emits the {@code static_configs} of a job once, on start; group sources are the config indexes {@code 0},
 * {@code 1}, … as in Prometheus. Thread-safe.
 */
public final class StaticDiscoverer implements Discoverer {
    private final List<TargetGroup> groups;

    public StaticDiscoverer(StaticConfigs configs) {
        List<TargetGroup> list = new ArrayList<>();
        for (int i = 0; i < configs.configs().size(); i++) {
            StaticConfig c = configs.configs().get(i);
            list.add(TargetGroup.ofAddresses(Integer.toString(i), c.targets(), Labels.fromMap(c.labels())));
        }
        this.groups = List.copyOf(list);
    }

    @Override
    public void start(Consumer<List<TargetGroup>> listener) {
        listener.accept(groups);
    }

    @Override
    public void close() {}
}
