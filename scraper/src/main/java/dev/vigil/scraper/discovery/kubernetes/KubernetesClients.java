package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.config.discovery.KubernetesSdConfig;
import dev.vigil.config.http.HttpClientConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Creates the fabric8 client for a {@code kubernetes_sd_config}: from {@code api_server} with its HTTP settings,
 * from {@code kubeconfig_file}, or in-cluster (service account token, re-read on every request so that rotated tokens
 * work, the service account CA, and {@code KUBERNETES_SERVICE_HOST}/{@code KUBERNETES_SERVICE_PORT}). Stateless.
 */
final class KubernetesClients {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private KubernetesClients() {}

    static KubernetesClient create(
            KubernetesSdConfig sd, Function<String, Path> resolve, Map<String, String> env, Path serviceAccountDir) {
        Config config;
        if (!sd.kubeconfigFile().isEmpty()) {
            config = Config.fromKubeconfig(read(resolve.apply(sd.kubeconfigFile())));
        } else if (!sd.apiServer().isEmpty()) {
            config = fromHttpConfig(sd.apiServer(), sd.httpClient(), resolve);
        } else {
            config = inCluster(env, serviceAccountDir);
        }
        // Reconnect quickly after a dropped watch; fabric8 backs off exponentially from here.
        config.setWatchReconnectInterval(1000);
        config.setRequestRetryBackoffInterval(100);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static Config fromHttpConfig(String apiServer, HttpClientConfig http, Function<String, Path> resolve) {
        if (http.oauth2().isPresent()) {
            throw new IllegalArgumentException("kubernetes_sd_config: oauth2 is not supported");
        }
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(apiServer);
        http.basicAuth().ifPresent(basic -> b.withUsername(
                        basic.usernameFile().isEmpty() ? basic.username() : read(resolve.apply(basic.usernameFile())))
                .withPassword(
                        basic.passwordFile().isEmpty() ? basic.password() : read(resolve.apply(basic.passwordFile()))));
        http.authorization().ifPresent(auth -> {
            if (!auth.credentialsFile().isEmpty()) {
                Path file = resolve.apply(auth.credentialsFile());
                b.withOauthTokenProvider(() -> read(file));
            } else {
                b.withOauthToken(auth.credentials());
            }
        });
        var tls = http.tlsConfig();
        if (!tls.caFile().isEmpty()) {
            b.withCaCertFile(resolve.apply(tls.caFile()).toString());
        } else if (!tls.ca().isEmpty()) {
            b.withCaCertData(base64(tls.ca()));
        }
        if (!tls.certFile().isEmpty()) {
            b.withClientCertFile(resolve.apply(tls.certFile()).toString());
        } else if (!tls.cert().isEmpty()) {
            b.withClientCertData(base64(tls.cert()));
        }
        if (!tls.keyFile().isEmpty()) {
            b.withClientKeyFile(resolve.apply(tls.keyFile()).toString());
        } else if (!tls.key().isEmpty()) {
            b.withClientKeyData(base64(tls.key()));
        }
        if (!tls.serverName().isEmpty()) {
            throw new IllegalArgumentException("kubernetes_sd_config: tls_config.server_name is not supported");
        }
        if (!http.proxy().proxyUrl().isEmpty()) {
            b.withHttpProxy(http.proxy().proxyUrl()).withHttpsProxy(http.proxy().proxyUrl());
        }
        b.withTrustCerts(tls.insecureSkipVerify());
        b.withDisableHostnameVerification(tls.insecureSkipVerify());
        return b.build();
    }

    private static Config inCluster(Map<String, String> env, Path serviceAccountDir) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.get("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
            throw new IllegalArgumentException("kubernetes_sd_config: no api_server or kubeconfig_file set, and not"
                    + " running in a cluster (KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set)");
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        Path token = serviceAccountDir.resolve("token");
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + port)
                .withCaCertFile(serviceAccountDir.resolve("ca.crt").toString())
                .withOauthTokenProvider(() -> read(token))
                .build();
    }

    private static String base64(String pem) {
        return java.util.Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    /** The namespace of the pod Vigil runs in, for {@code namespaces.own_namespace}. */
    static String ownNamespace(Path serviceAccountDir) {
        return read(serviceAccountDir.resolve("namespace"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
