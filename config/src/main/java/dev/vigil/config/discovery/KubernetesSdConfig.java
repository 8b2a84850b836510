package dev.vigil.config.discovery;

import dev.vigil.config.http.HttpClientConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes discovery ({@code kubernetes_sd_config}). Without {@code api_server} and {@code kubeconfig_file}, the
 * in-cluster service account is used.
 *
 * @param apiServer the API server URL, empty when not set
 * @param kubeconfigFile path to a kubeconfig file, empty when not set
 */
public record KubernetesSdConfig(
        Role role,
        String apiServer,
        String kubeconfigFile,
        Namespaces namespaces,
        List<Selector> selectors,
        AttachMetadata attachMetadata,
        HttpClientConfig httpClient) {

    public KubernetesSdConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(apiServer, "apiServer");
        Objects.requireNonNull(kubeconfigFile, "kubeconfigFile");
        Objects.requireNonNull(namespaces, "namespaces");
        selectors = List.copyOf(selectors);
        Objects.requireNonNull(attachMetadata, "attachMetadata");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    /** The kind of Kubernetes object discovered as targets. */
    public enum Role {
        NODE,
        POD,
        SERVICE,
        ENDPOINTS,
        ENDPOINTSLICE,
        INGRESS;

        /** The name used in configuration files. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Role> fromConfigName(String name) {
            for (Role role : values()) {
                if (role.configName().equals(name)) {
                    return Optional.of(role);
                }
            }
            return Optional.empty();
        }

        /** The roles whose selectors may be used with this role, as in Prometheus. */
        public List<Role> allowedSelectorRoles() {
            return switch (this) {
                case POD -> List.of(POD, NODE);
                case SERVICE -> List.of(SERVICE);
                case ENDPOINTS -> List.of(POD, SERVICE, ENDPOINTS);
                case ENDPOINTSLICE -> List.of(POD, SERVICE, ENDPOINTSLICE);
                case NODE -> List.of(NODE);
                case INGRESS -> List.of(INGRESS);
            };
        }

        @Override
        public String toString() {
            return configName();
        }
    }

    /**
     * Which namespaces to watch; all of them when {@code names} is empty and {@code ownNamespace} is false.
     */
    public record Namespaces(boolean ownNamespace, List<String> names) {
        public static final Namespaces ALL = new Namespaces(false, List.of());

        public Namespaces {
            names = List.copyOf(names);
        }
    }

    /** A label and/or field selector for one role; empty strings mean "not set". */
    public record Selector(Role role, String label, String field) {
        public Selector {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(field, "field");
        }
    }

    /** Extra metadata attached to discovered targets. */
    public record AttachMetadata(boolean node, boolean namespace, boolean deployment, boolean job, boolean cronjob) {
        public static final AttachMetadata NONE = new AttachMetadata(false, false, false, false, false);
    }
}
