package dev.vigil.model.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The set of metrics one process exports. Thread-safe: registration is rare and copy-on-write,
 * collection reads a snapshot of the registered collectors.
 *
 * <pre>{@code
 * MetricRegistry registry = new MetricRegistry();
 * Counter reloads = registry.counter("vigil_config_reloads_total", "Config reloads.");
 * String text = TextExposition.write(registry);
 * }</pre>
 */
public final class MetricRegistry {
    private final List<Collector> collectors = new CopyOnWriteArrayList<>();

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, labelNames));
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return register(new Gauge(name, help, labelNames));
    }

    public Histogram histogram(String name, String help, double[] upperBounds, String... labelNames) {
        return register(new Histogram(name, help, upperBounds, labelNames));
    }

    /**
     * Registers a collector. A {@link Family} may be registered once per name; other collectors
     * are responsible for not repeating family names already present.
     */
    public synchronized <T extends Collector> T register(T collector) {
        if (collector instanceof Family<?> family) {
            for (Collector existing : collectors) {
                if (existing instanceof Family<?> other && other.name().equals(family.name())) {
                    throw new IllegalArgumentException("metric " + family.name() + " is already registered");
                }
            }
        }
        collectors.add(collector);
        return collector;
    }

    public void unregister(Collector collector) {
        collectors.remove(collector);
    }

    /** Runs every collector into the writer, in registration order. */
    public void collect(SampleWriter writer) {
        for (Collector collector : new ArrayList<>(collectors)) {
            collector.collect(writer);
        }
    }
}
