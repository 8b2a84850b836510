package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ingress} role ({@code networking.k8s.io/v1}): one target per path of each rule, at the rule's host.
 * The scheme is {@code https} when a TLS entry of the ingress names the host, directly or by a {@code *.} wildcard
 * for exactly one leading label; a rule without {@code http} stands for the path {@code /}, and an empty path is
 * {@code /}. Labels as Prometheus documents them: {@code __meta_kubernetes_ingress_{name,class_name,scheme,host,path}}
 * plus the object's labels and annotations with their {@code _present} variants. Stateless.
 */
final class IngressTargets {
    static final String PREFIX = MetaLabels.PREFIX + "ingress";

    private IngressTargets() {}

    static TargetGroup group(Ingress ingress) {
        String ns = ingress.getMetadata().getNamespace();
        String name = ingress.getMetadata().getName();
        IngressSpec spec = ingress.getSpec();
        LabelsBuilder group = new LabelsBuilder();
        group.set(MetaLabels.NAMESPACE, MetaLabels.orEmpty(ns));
        group.set(PREFIX + "_name", name);
        if (spec != null && spec.getIngressClassName() != null) {
            group.set(PREFIX + "_class_name", spec.getIngressClassName());
        }
        MetaLabels.addObjectLabels(group, PREFIX, ingress.getMetadata());

        List<Labels> targets = new ArrayList<>();
        List<IngressRule> rules = spec == null || spec.getRules() == null ? List.of() : spec.getRules();
        List<String> tlsHosts = tlsHosts(spec);
        for (IngressRule rule : rules) {
            String host = MetaLabels.orEmpty(rule.getHost());
            String scheme = tlsHosts.stream().anyMatch(pattern -> matchesHost(pattern, host)) ? "https" : "http";
            for (String path : paths(rule)) {
                LabelsBuilder t = new LabelsBuilder();
                t.set("__address__", host);
                t.set(PREFIX + "_scheme", scheme);
                t.set(PREFIX + "_host", host);
                t.set(PREFIX + "_path", path);
                targets.add(t.labels());
            }
        }
        return new TargetGroup("ingress/" + ns + "/" + name, targets, group.labels());
    }

    private static List<String> tlsHosts(IngressSpec spec) {
        List<String> hosts = new ArrayList<>();
        if (spec != null && spec.getTls() != null) {
            for (IngressTLS tls : spec.getTls()) {
                if (tls.getHosts() != null) {
                    hosts.addAll(tls.getHosts());
                }
            }
        }
        return hosts;
    }

    private static List<String> paths(IngressRule rule) {
        if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
            return List.of("/");
        }
        List<String> paths = new ArrayList<>();
        for (HTTPIngressPath p : rule.getHttp().getPaths()) {
            String path = p.getPath();
            paths.add(path == null || path.isEmpty() ? "/" : path);
        }
        return paths;
    }

    /** Whether a TLS host entry covers {@code host}: equal, or {@code *.rest} where the host has one label for {@code *}. */
    static boolean matchesHost(String pattern, String host) {
        if (pattern.equals(host)) {
            return true;
        }
        String[] patternParts = pattern.split("\\.", -1);
        String[] hostParts = host.split("\\.", -1);
        if (!patternParts[0].equals("*") || patternParts.length != hostParts.length) {
            return false;
        }
        for (int i = 1; i < patternParts.length; i++) {
            if (!patternParts[i].equals(hostParts[i])) {
                return false;
            }
        }
        return true;
    }
}
