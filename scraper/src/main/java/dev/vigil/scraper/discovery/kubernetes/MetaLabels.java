package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.model.labels.LabelsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Map;

/** Helpers that write {@code __meta_kubernetes_*} labels. Stateless. */
final class MetaLabels {
    static final String PREFIX = "__meta_kubernetes_";
    static final String NAMESPACE = PREFIX + "namespace";

    private MetaLabels() {}

    /** Prometheus's label name sanitising: every character outside {@code [a-zA-Z0-9_]} becomes {@code _}. */
    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    /**
     * Adds {@code <prefix>_label_<name>}, {@code <prefix>_labelpresent_<name>}, {@code <prefix>_annotation_<name>} and
     * {@code <prefix>_annotationpresent_<name>} for the object's labels and annotations.
     */
    static void addObjectLabels(LabelsBuilder b, String prefix, ObjectMeta meta) {
        addMap(b, prefix + "_label_", prefix + "_labelpresent_", meta.getLabels());
        addMap(b, prefix + "_annotation_", prefix + "_annotationpresent_", meta.getAnnotations());
    }

    private static void addMap(LabelsBuilder b, String valuePrefix, String presentPrefix, Map<String, String> map) {
        if (map == null) {
            return;
        }
        map.forEach((k, v) -> {
            String name = sanitize(k);
            b.set(valuePrefix + name, v == null ? "" : v);
            b.set(presentPrefix + name, "true");
        });
    }

    /** The controller owner reference, if any. */
    static OwnerReference controller(ObjectMeta meta) {
        if (meta.getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference ref : meta.getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController())) {
                return ref;
            }
        }
        return null;
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String hostPort(String host, int port) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
