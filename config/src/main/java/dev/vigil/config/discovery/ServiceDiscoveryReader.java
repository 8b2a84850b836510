package dev.vigil.config.discovery;

import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.ConfigNode.ScalarNode;
import dev.vigil.config.core.ConfigNode.SeqNode;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Names;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.KubernetesSdConfig.AttachMetadata;
import dev.vigil.config.discovery.KubernetesSdConfig.Namespaces;
import dev.vigil.config.discovery.KubernetesSdConfig.Role;
import dev.vigil.config.discovery.KubernetesSdConfig.Selector;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpClientConfigReader;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the service discovery keys ({@code static_configs}, {@code *_sd_configs}) of a scrape or Alertmanager
 * configuration. Prometheus discovery mechanisms that Vigil does not implement are rejected by name. Stateless.
 */
public final class ServiceDiscoveryReader {
    private static final String SUPPORTED =
            "supported: static_configs, file_sd_configs, http_sd_configs, kubernetes_sd_configs";
    private static final Set<String> SUPPORTED_KEYS =
            Set.of("static_configs", "file_sd_configs", "http_sd_configs", "kubernetes_sd_configs");
    private static final Pattern FILE_SD_PATTERN = Pattern.compile("[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)");

    private ServiceDiscoveryReader() {}

    /**
     * Reads the discovery keys of {@code r}.
     *
     * @param hasRelabelConfigs whether the owner has relabel_configs; without them, static targets that look like
     *     URLs are rejected, as Prometheus does
     */
    public static ServiceDiscoveryConfigs read(MapReader r, boolean hasRelabelConfigs) {
        for (String key : r.keys()) {
            if (key.endsWith("_sd_configs") && !SUPPORTED_KEYS.contains(key)) {
                r.markHandled(key);
                r.error(key, key + " is not supported by Vigil (" + SUPPORTED + ")");
            }
        }
        List<StaticConfig> statics = r.mapList("static_configs", s -> staticConfig(s, !hasRelabelConfigs));
        List<FileSdConfig> files = r.mapList("file_sd_configs", ServiceDiscoveryReader::fileSd);
        List<HttpSdConfig> https = r.mapList("http_sd_configs", ServiceDiscoveryReader::httpSd);
        List<KubernetesSdConfig> kubernetes = r.mapList("kubernetes_sd_configs", ServiceDiscoveryReader::kubernetesSd);
        return new ServiceDiscoveryConfigs(statics, files, https, kubernetes);
    }

    /** Reads one target group: {@code targets} and {@code labels}. Also used for file and HTTP SD payloads. */
    public static Optional<StaticConfig> staticConfig(MapReader r, boolean rejectUrlTargets) {
        List<String> targets = r.stringList("targets");
        if (rejectUrlTargets && r.node("targets").orElse(null) instanceof SeqNode seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                if (seq.items().get(i) instanceof ScalarNode target
                        && target.text().contains("/")) {
                    r.problems()
                            .add(
                                    target,
                                    r.pathOf("targets").index(i),
                                    "\"" + target.text()
                                            + "\" is not a valid hostname (a URL belongs in scheme, metrics_path and params)");
                }
            }
        }
        Map<String, String> labels = labels(r, "labels");
        return Optional.of(new StaticConfig(targets, labels));
    }

    /** Reads a mapping of label names to values, reporting names outside the legacy character set. */
    public static Map<String, String> labels(MapReader r, String key) {
        Map<String, String> labels = new LinkedHashMap<>(r.stringMap(key));
        for (Entry e : r.mapEntries(key)) {
            if (!Names.isValidLabelName(e.key())) {
                r.problems()
                        .add(
                                e.keyLocation(),
                                r.pathOf(key).child(e.key()),
                                "\"" + e.key() + "\" is not a valid label name");
                labels.remove(e.key());
            }
        }
        return labels;
    }

    private static Optional<FileSdConfig> fileSd(MapReader r) {
        List<String> files = r.stringList("files");
        PromDuration refresh = r.duration("refresh_interval", FileSdConfig.DEFAULT_REFRESH_INTERVAL);
        if (files.isEmpty()) {
            r.error("files", "file service discovery config must contain at least one path name");
        }
        for (int i = 0; i < files.size(); i++) {
            if (!FILE_SD_PATTERN.matcher(files.get(i)).matches()) {
                r.problems()
                        .add(
                                r.locationOf("files"),
                                r.pathOf("files").index(i),
                                "path name \"" + files.get(i) + "\" is not valid for file discovery"
                                        + " (must end in .json, .yml or .yaml; only the last segment may contain one '*')");
            }
        }
        return Optional.of(new FileSdConfig(files, refresh));
    }

    private static Optional<HttpSdConfig> httpSd(MapReader r) {
        String url = r.string("url", "");
        PromDuration refresh = r.duration("refresh_interval", HttpSdConfig.DEFAULT_REFRESH_INTERVAL);
        HttpClientConfig http = HttpClientConfigReader.read(r, true);
        if (url.isEmpty()) {
            r.error("url", "URL is missing");
            return Optional.empty();
        }
        return HttpClientConfigReader.checkUrl(r, "url", url).map(uri -> new HttpSdConfig(uri, refresh, http));
    }

    private static Optional<KubernetesSdConfig> kubernetesSd(MapReader r) {
        Optional<Role> role = role(r, "role");
        String apiServer = r.string("api_server", "");
        String kubeconfig = r.string("kubeconfig_file", "");
        Namespaces namespaces = r.map(
                        "namespaces", n -> new Namespaces(n.bool("own_namespace", false), n.stringList("names")))
                .orElse(Namespaces.ALL);
        List<Selector> selectors = r.mapList("selectors", s -> role(s, "role")
                .map(selectorRole -> new Selector(selectorRole, s.string("label", ""), s.string("field", ""))));
        AttachMetadata attach = r.map(
                        "attach_metadata",
                        a -> new AttachMetadata(
                                a.bool("node", false),
                                a.bool("namespace", false),
                                a.bool("deployment", false),
                                a.bool("job", false),
                                a.bool("cronjob", false)))
                .orElse(AttachMetadata.NONE);
        HttpClientConfig http = HttpClientConfigReader.read(r, true);

        if (!apiServer.isEmpty()) {
            HttpClientConfigReader.checkUrl(r, "api_server", apiServer);
        }
        if (!apiServer.isEmpty() && !kubeconfig.isEmpty()) {
            r.error("kubeconfig_file", "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        }
        boolean customHttp = !http.equals(HttpClientConfig.DEFAULT);
        if (!kubeconfig.isEmpty() && customHttp) {
            r.error("kubeconfig_file", "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
        } else if (apiServer.isEmpty() && customHttp) {
            r.error("to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        }
        if (namespaces.ownNamespace() && !apiServer.isEmpty()) {
            r.error("namespaces", "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
        }
        if (namespaces.ownNamespace() && !kubeconfig.isEmpty()) {
            r.error("namespaces", "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
        }
        if (role.isEmpty()) {
            return Optional.empty();
        }
        checkSelectors(r, role.get(), selectors);
        return Optional.of(
                new KubernetesSdConfig(role.get(), apiServer, kubeconfig, namespaces, selectors, attach, http));
    }

    private static void checkSelectors(MapReader r, Role role, List<Selector> selectors) {
        Set<Role> seen = EnumSet.noneOf(Role.class);
        for (Selector selector : selectors) {
            if (!seen.add(selector.role())) {
                r.error("selectors", "duplicated selector role: " + selector.role());
            } else if (!role.allowedSelectorRoles().contains(selector.role())) {
                String allowed = role.allowedSelectorRoles().stream()
                        .map(Role::configName)
                        .collect(Collectors.joining(", "));
                r.error("selectors", role + " role supports only " + allowed + " selectors");
            }
        }
    }

    private static Optional<Role> role(MapReader r, String key) {
        Optional<String> name = r.optionalString(key);
        if (name.isEmpty() || name.get().isEmpty()) {
            r.error(key, "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
            return Optional.empty();
        }
        Optional<Role> role = Role.fromConfigName(name.get());
        if (role.isEmpty()) {
            r.error(
                    key,
                    "unknown Kubernetes SD role \"" + name.get()
                            + "\" (one of: pod, service, endpoints, endpointslice, node, ingress)");
        }
        return role;
    }
}
