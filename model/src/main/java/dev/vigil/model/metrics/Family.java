package dev.vigil.model.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named metric with a fixed set of label names and one child per distinct combination of label
 * values. Thread-safe; {@link #labels} is a map lookup, so hot paths keep the child they use.
 */
abstract class Family<C> implements Collector {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, C> children = new ConcurrentHashMap<>();
    private volatile C unlabelled;

    Family(String name, String help, String... labelNames) {
        MetricNames.checkMetricName(name);
        this.name = name;
        this.help = help == null ? "" : help;
        this.labelNames = MetricNames.checkLabelNames(name, labelNames);
    }

    public final String name() {
        return name;
    }

    public final String help() {
        return help;
    }

    public final List<String> labelNames() {
        return labelNames;
    }

    /** The child for these label values, created on first use. */
    public final C labels(String... values) {
        if (values.length != labelNames.size()) {
            throw new IllegalArgumentException(
                    name + " has labels " + labelNames + " but got " + values.length + " value(s)");
        }
        List<String> key = List.of(values);
        C child = children.get(key);
        return child != null ? child : children.computeIfAbsent(key, k -> newChild());
    }

    /** Forgets the child for these label values, so it is no longer exported. */
    public final void remove(String... values) {
        if (values.length == 0) {
            unlabelled = null;
        }
        children.remove(List.of(values));
    }

    /** The unlabelled child; only for families declared without label names. */
    final C noLabels() {
        C child = unlabelled;
        if (child == null) {
            if (!labelNames.isEmpty()) {
                throw new IllegalStateException(name + " has labels " + labelNames + "; use labels(...)");
            }
            // Kept: hot paths increment unlabelled counters, and labels() allocates its key on every call.
            child = labels();
            unlabelled = child;
        }
        return child;
    }

    abstract C newChild();

    abstract MetricType type();

    abstract void writeChild(SampleWriter writer, List<String> labelValues, C child);

    @Override
    public final void collect(SampleWriter writer) {
        writer.family(name, help, type());
        List<Map.Entry<List<String>, C>> entries = new ArrayList<>(children.entrySet());
        entries.sort((a, b) -> compareValues(a.getKey(), b.getKey()));
        for (Map.Entry<List<String>, C> e : entries) {
            writeChild(writer, e.getKey(), e.getValue());
        }
    }

    private static int compareValues(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
