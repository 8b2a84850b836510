package dev.vigil.bench.tsdb;

import dev.vigil.model.labels.Labels;
import java.util.HashMap;
import java.util.Map;

/**
 * Label sets shaped like a Kubernetes cluster's: eight labels per series, where metric names, jobs, namespaces,
 * instances and pods are shared by many series (and shared as strings, as a scraper's symbol table shares them) and one
 * label tells the series of a pod apart.
 */
final class ClusterLabels {
    private final Map<String, String> strings = new HashMap<>();

    private String shared(String s) {
        String existing = strings.putIfAbsent(s, s);
        return existing == null ? s : existing;
    }

    Labels labels(int i) {
        int pod = i / 40;
        return Labels.of(
                "__name__", shared("metric_" + (i % 400)),
                "container", shared("app-" + (pod % 7)),
                "endpoint", shared("http-metrics"),
                "instance", shared("10.2." + (pod / 250 % 250) + "." + (pod % 250) + ":8080"),
                "job", shared("service-" + (pod % 50)),
                "namespace", shared("ns-" + (pod % 30)),
                "pod",
                        shared("service-" + (pod % 50) + "-"
                                + Integer.toHexString(pod * 2_654_435_761L > 0 ? pod : pod)),
                "le", Integer.toString(i % 40));
    }
}
