package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.alerting.AlertmanagerConfig;
import dev.vigil.config.core.ByteSize;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.KubernetesSdConfig;
import dev.vigil.config.discovery.KubernetesSdConfig.Role;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.TlsConfig.TlsVersion;
import dev.vigil.config.remote.MetadataConfig;
import dev.vigil.config.remote.QueueConfig;
import dev.vigil.config.remote.RemoteWriteConfig;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.config.scrape.ScrapeProtocol;
import dev.vigil.model.relabel.RelabelAction;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoodConfigTest {

    static VigilConfig load(String name) throws IOException, ConfigException {
        try (InputStream in = GoodConfigTest.class.getResourceAsStream("/config/" + name)) {
            assertThat(in).as(name).isNotNull();
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    static PromDuration d(String text) {
        return PromDuration.parse(text);
    }

    @Test
    void emptyFileHasAllDefaults() throws Exception {
        VigilConfig config = load("empty.good.yml");

        GlobalConfig g = config.global();
        assertThat(g).isEqualTo(GlobalConfig.DEFAULT);
        assertThat(g.scrapeInterval()).isEqualTo(d("1m"));
        assertThat(g.scrapeTimeout()).isEqualTo(d("10s"));
        assertThat(g.evaluationInterval()).isEqualTo(d("1m"));
        assertThat(g.ruleQueryOffset()).isEqualTo(PromDuration.ZERO);
        assertThat(g.limits().bodySizeLimit()).isEqualTo(ByteSize.ZERO);
        assertThat(config.runtime().gogc()).isEqualTo(75);
        assertThat(config.scrapeConfigs()).isEmpty();
        assertThat(config.ruleFiles()).isEmpty();
        assertThat(config.alerting().alertmanagers()).isEmpty();
        assertThat(config.remoteWrite()).isEmpty();
        assertThat(config.storage().exemplars().maxExemplars()).isEqualTo(100_000);
        assertThat(config.storage().tsdb().outOfOrderTimeWindow()).isEqualTo(PromDuration.ZERO);
        assertThat(config.tracing()).isEmpty();
        assertThat(config.source().text()).isEmpty();
    }

    @Test
    void docsExampleGlobalSection() throws Exception {
        VigilConfig config = load("docs-example.good.yml");
        GlobalConfig g = config.global();

        assertThat(g.scrapeInterval()).isEqualTo(d("15s"));
        assertThat(g.scrapeTimeout()).isEqualTo(d("10s"));
        assertThat(g.evaluationInterval()).isEqualTo(d("30s"));
        assertThat(g.ruleQueryOffset()).isEqualTo(d("10s"));
        assertThat(g.externalLabels())
                .containsExactlyInAnyOrderEntriesOf(Map.of("monitor", "codelab-monitor", "region", "eu-west-1"));
        assertThat(g.queryLogFile()).isEqualTo("/var/log/prometheus/queries.log");
        assertThat(g.scrapeFailureLogFile()).isEqualTo("/var/log/prometheus/scrape-failures.log");
        assertThat(g.limits().bodySizeLimit().bytes()).isEqualTo(15L * 1024 * 1024);
        assertThat(g.limits().sampleLimit()).isEqualTo(1500);
        assertThat(g.limits().labelLimit()).isEqualTo(30);
        assertThat(g.limits().labelNameLengthLimit()).isEqualTo(200);
        assertThat(g.limits().labelValueLengthLimit()).isEqualTo(200);
        assertThat(g.limits().targetLimit()).isEqualTo(1000);
        assertThat(g.limits().keepDroppedTargets()).isEqualTo(100);
        assertThat(g.metricNameValidationScheme()).isEqualTo("legacy");
        assertThat(g.metricNameEscapingScheme()).isEqualTo("underscores");
        assertThat(config.runtime().gogc()).isEqualTo(50);
        assertThat(config.ruleFiles()).containsExactly("first.rules", "rules/*.yml");
        assertThat(config.scrapeConfigFiles()).containsExactly("scrape.d/*.yml");
        assertThat(config.source().text()).startsWith("# In the style of Prometheus's");
        assertThat(config.source().name()).isEqualTo("docs-example.good.yml");
    }

    @Test
    void docsExampleScrapeConfigsInheritAndOverride() throws Exception {
        VigilConfig config = load("docs-example.good.yml");

        ScrapeConfig prometheus = config.scrapeConfig("prometheus").orElseThrow();
        assertThat(prometheus.scrapeInterval()).isEqualTo(d("5s"));
        assertThat(prometheus.scrapeTimeout())
                .as("min(global timeout, interval)")
                .isEqualTo(d("5s"));
        assertThat(prometheus.metricsPath()).isEqualTo("/metrics");
        assertThat(prometheus.scheme()).isEqualTo("http");
        assertThat(prometheus.honorLabels()).isFalse();
        assertThat(prometheus.honorTimestamps()).isTrue();
        assertThat(prometheus.trackTimestampsStaleness()).isFalse();
        assertThat(prometheus.enableCompression()).isTrue();
        assertThat(prometheus.scrapeProtocols()).isEqualTo(ScrapeProtocol.DEFAULT);
        assertThat(prometheus.limits().sampleLimit()).as("inherited").isEqualTo(1500);
        assertThat(prometheus.scrapeFailureLogFile()).isEqualTo("/var/log/prometheus/scrape-failures.log");
        assertThat(prometheus.httpClient()).isEqualTo(HttpClientConfig.DEFAULT);
        assertThat(prometheus.serviceDiscovery().staticConfigs())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.targets()).containsExactly("localhost:9090");
                    assertThat(s.labels()).containsEntry("group", "production");
                });

        ScrapeConfig node = config.scrapeConfig("node").orElseThrow();
        assertThat(node.scrapeInterval()).isEqualTo(d("1m"));
        assertThat(node.scrapeTimeout()).isEqualTo(d("30s"));
        assertThat(node.honorLabels()).isTrue();
        assertThat(node.honorTimestamps()).isFalse();
        assertThat(node.trackTimestampsStaleness()).isTrue();
        assertThat(node.scheme()).isEqualTo("https");
        assertThat(node.metricsPath()).isEqualTo("/probe");
        assertThat(node.params()).containsEntry("target", List.of("example.com", "example.org"));
        assertThat(node.enableCompression()).isFalse();
        assertThat(node.limits().bodySizeLimit().bytes()).isEqualTo(1L << 30);
        assertThat(node.limits().sampleLimit()).isEqualTo(5000);
        assertThat(node.limits().labelLimit()).as("inherited").isEqualTo(30);
        assertThat(node.scrapeProtocols())
                .containsExactly(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4, ScrapeProtocol.OPENMETRICS_TEXT_1_0_0);
        assertThat(node.fallbackScrapeProtocol()).contains(ScrapeProtocol.PROMETHEUS_TEXT_0_0_4);
        assertThat(node.httpClient().tlsConfig().serverName()).isEqualTo("node.example.com");
        assertThat(node.httpClient().tlsConfig().minVersion()).contains(TlsVersion.TLS12);
        assertThat(node.httpClient().tlsConfig().maxVersion()).contains(TlsVersion.TLS13);
        assertThat(node.httpClient().authorization()).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo("Bearer");
            assertThat(a.credentialsFile()).isEqualTo("/etc/prometheus/token");
        });
        assertThat(node.serviceDiscovery().fileSdConfigs()).singleElement().satisfies(f -> {
            assertThat(f.files()).containsExactly("/etc/prometheus/targets/node_*.yml", "targets.json");
            assertThat(f.refreshInterval()).isEqualTo(d("10m"));
        });
        assertThat(node.relabelConfigs())
                .extracting(r -> r.action())
                .containsExactly(
                        RelabelAction.HASHMOD,
                        RelabelAction.KEEP,
                        RelabelAction.REPLACE,
                        RelabelAction.LOWERCASE,
                        RelabelAction.KEEPEQUAL);
        assertThat(node.relabelConfigs().get(0).modulus()).isEqualTo(4);
        assertThat(node.relabelConfigs().get(2).separator()).isEqualTo("|");
        assertThat(node.relabelConfigs().get(2).replacement()).isEqualTo("${1}");
        assertThat(node.relabelConfigs()
                        .get(2)
                        .regex()
                        .pattern()
                        .matcher("/x/node_db.yml")
                        .matches())
                .isTrue();
        assertThat(node.metricRelabelConfigs())
                .extracting(r -> r.action())
                .containsExactly(RelabelAction.DROP, RelabelAction.LABELDROP, RelabelAction.LABELKEEP);
    }

    @Test
    void docsExampleAlerting() throws Exception {
        VigilConfig config = load("docs-example.good.yml");

        assertThat(config.alerting().alertRelabelConfigs()).singleElement().satisfies(r -> {
            assertThat(r.sourceLabels()).containsExactly("dc");
            assertThat(r.targetLabel()).isEqualTo("dc");
        });
        List<AlertmanagerConfig> ams = config.alerting().alertmanagers();
        assertThat(ams).hasSize(2);
        assertThat(ams.get(0).timeout()).isEqualTo(d("10s"));
        assertThat(ams.get(0).apiVersion()).isEqualTo("v2");
        assertThat(ams.get(0).pathPrefix()).isEqualTo("/");
        assertThat(ams.get(0).scheme()).isEqualTo("http");
        assertThat(ams.get(0).serviceDiscovery().staticConfigs().get(0).targets())
                .containsExactly("alertmanager:9093");
        assertThat(ams.get(1).timeout()).isEqualTo(d("5s"));
        assertThat(ams.get(1).scheme()).isEqualTo("https");
        assertThat(ams.get(1).pathPrefix()).isEqualTo("/alertmanager");
        assertThat(ams.get(1).httpClient().basicAuth()).hasValueSatisfying(b -> {
            assertThat(b.username()).isEqualTo("prometheus");
            assertThat(b.passwordFile()).isEqualTo("/etc/secrets/am-password");
        });
        assertThat(ams.get(1).serviceDiscovery().fileSdConfigs().get(0).refreshInterval())
                .isEqualTo(d("5m"));
        assertThat(ams.get(1).relabelConfigs()).hasSize(1);
        assertThat(ams.get(1).alertRelabelConfigs().get(0).action()).isEqualTo(RelabelAction.LABELDROP);
    }

    @Test
    void kubernetesExample() throws Exception {
        VigilConfig config = load("kubernetes.good.yml");
        assertThat(config.global().scrapeTimeout()).isEqualTo(d("20s"));

        ScrapeConfig apiservers = config.scrapeConfig("kubernetes-apiservers").orElseThrow();
        assertThat(apiservers.scrapeTimeout()).isEqualTo(d("20s"));
        KubernetesSdConfig sd =
                apiservers.serviceDiscovery().kubernetesSdConfigs().get(0);
        assertThat(sd.role()).isEqualTo(Role.ENDPOINTS);
        assertThat(sd.apiServer()).isEmpty();
        assertThat(sd.namespaces()).isEqualTo(KubernetesSdConfig.Namespaces.ALL);
        assertThat(sd.attachMetadata()).isEqualTo(KubernetesSdConfig.AttachMetadata.NONE);
        assertThat(apiservers.relabelConfigs().get(0).sourceLabels()).hasSize(3);

        ScrapeConfig nodes = config.scrapeConfig("kubernetes-nodes").orElseThrow();
        assertThat(nodes.httpClient().authorization()).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo("Bearer");
            assertThat(a.credentialsFile()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/token");
        });
        assertThat(nodes.httpClient().tlsConfig().insecureSkipVerify()).isTrue();

        KubernetesSdConfig pods = config.scrapeConfig("kubernetes-pods")
                .orElseThrow()
                .serviceDiscovery()
                .kubernetesSdConfigs()
                .get(0);
        assertThat(pods.role()).isEqualTo(Role.POD);
        assertThat(pods.namespaces().ownNamespace()).isTrue();
        assertThat(pods.namespaces().names()).containsExactly("monitoring", "default");
        assertThat(pods.selectors())
                .extracting(KubernetesSdConfig.Selector::role)
                .containsExactly(Role.POD, Role.NODE);
        assertThat(pods.selectors().get(0).field()).isEqualTo("status.phase=Running");
        assertThat(pods.attachMetadata())
                .isEqualTo(new KubernetesSdConfig.AttachMetadata(true, true, true, false, false));

        KubernetesSdConfig services = config.scrapeConfig("kubernetes-services")
                .orElseThrow()
                .serviceDiscovery()
                .kubernetesSdConfigs()
                .get(0);
        assertThat(services.apiServer()).isEqualTo("https://kubernetes.example.com:6443");
        assertThat(services.httpClient().basicAuth()).isPresent();
        assertThat(config.scrapeConfig("kubernetes-ingresses")
                        .orElseThrow()
                        .serviceDiscovery()
                        .kubernetesSdConfigs()
                        .get(0)
                        .kubeconfigFile())
                .isEqualTo("/etc/k8s/kubeconfig");
        assertThat(config.scrapeConfig("kubernetes-endpointslices")
                        .orElseThrow()
                        .serviceDiscovery()
                        .kubernetesSdConfigs()
                        .get(0)
                        .role())
                .isEqualTo(Role.ENDPOINTSLICE);
    }

    @Test
    void remoteStorageTracingAndOtlp() throws Exception {
        VigilConfig config = load("remote.good.yml");

        RemoteWriteConfig mimir = config.remoteWrite().get(0);
        assertThat(mimir.url()).isEqualTo(URI.create("https://mimir.example.com/api/v1/push"));
        assertThat(mimir.name()).isEqualTo("mimir");
        assertThat(mimir.remoteTimeout()).isEqualTo(d("1m"));
        assertThat(mimir.headers()).containsEntry("X-Scope-OrgID", "team-a");
        assertThat(mimir.writeRelabelConfigs()).hasSize(1);
        assertThat(mimir.sendExemplars()).isTrue();
        assertThat(mimir.sendNativeHistograms()).isTrue();
        assertThat(mimir.protobufMessage()).isEqualTo(RemoteWriteConfig.WRITE_V2);
        assertThat(mimir.queueConfig())
                .isEqualTo(new QueueConfig(20000, 10, 2, 5000, d("10s"), d("100ms"), d("10s"), true, d("1h")));
        assertThat(mimir.metadataConfig()).isEqualTo(new MetadataConfig(false, d("2m"), 500));
        assertThat(mimir.httpClient().enableHttp2()).as("remote write default").isFalse();
        assertThat(mimir.httpClient().basicAuth()).isPresent();

        RemoteWriteConfig thanos = config.remoteWrite().get(1);
        assertThat(thanos.name()).isEmpty();
        assertThat(thanos.remoteTimeout()).isEqualTo(d("30s"));
        assertThat(thanos.protobufMessage()).isEqualTo(RemoteWriteConfig.WRITE_V1);
        assertThat(thanos.queueConfig()).isEqualTo(QueueConfig.DEFAULT);
        assertThat(thanos.queueConfig().capacity()).isEqualTo(10000);
        assertThat(thanos.queueConfig().maxShards()).isEqualTo(50);
        assertThat(thanos.queueConfig().minBackoff()).isEqualTo(d("30ms"));
        assertThat(thanos.metadataConfig()).isEqualTo(MetadataConfig.DEFAULT);
        assertThat(thanos.metadataConfig().sendInterval()).isEqualTo(d("1m"));
        assertThat(thanos.httpClient().enableHttp2()).isTrue();
        assertThat(thanos.httpClient().oauth2()).hasValueSatisfying(o -> {
            assertThat(o.clientId()).isEqualTo("vigil");
            assertThat(o.scopes()).containsExactly("metrics.write");
            assertThat(o.endpointParams()).containsEntry("audience", "metrics");
        });

        var archive = config.remoteRead().get(0);
        assertThat(archive.name()).isEqualTo("archive");
        assertThat(archive.requiredMatchers()).containsEntry("job", "archive");
        assertThat(archive.remoteTimeout()).isEqualTo(d("2m"));
        assertThat(archive.readRecent()).isTrue();
        assertThat(archive.filterExternalLabels()).isFalse();
        var second = config.remoteRead().get(1);
        assertThat(second.remoteTimeout()).isEqualTo(d("1m"));
        assertThat(second.filterExternalLabels()).isTrue();
        assertThat(second.readRecent()).isFalse();

        assertThat(config.storage().tsdb().outOfOrderTimeWindow()).isEqualTo(d("30m"));
        assertThat(config.storage().exemplars().maxExemplars()).isEqualTo(500_000);
        assertThat(config.tracing()).hasValueSatisfying(t -> {
            assertThat(t.endpoint()).isEqualTo("otel-collector:4317");
            assertThat(t.clientType()).isEqualTo("http");
            assertThat(t.samplingFraction()).isEqualTo(0.25);
            assertThat(t.compression()).isEqualTo("gzip");
            assertThat(t.timeout()).isEqualTo(d("5s"));
            assertThat(t.tlsConfig().insecureSkipVerify()).isTrue();
        });
        assertThat(config.otlp().promoteResourceAttributes())
                .containsExactly("service.instance.id", "k8s.namespace.name");
        assertThat(config.otlp().translationStrategy()).isEqualTo("NoUTF8EscapingWithSuffixes");
    }

    @Test
    void httpFeaturesAnchorsAndNativeHistograms() throws Exception {
        VigilConfig config = load("http-features.good.yml");

        ScrapeConfig httpSd = config.scrapeConfig("http-sd").orElseThrow();
        assertThat(httpSd.scrapeInterval()).isEqualTo(d("20s"));
        assertThat(httpSd.scrapeTimeout()).isEqualTo(d("5s"));
        assertThat(httpSd.scrapeProtocols())
                .containsExactly(ScrapeProtocol.PROMETHEUS_PROTO, ScrapeProtocol.OPENMETRICS_TEXT_1_0_0);
        assertThat(httpSd.histograms().scrapeNativeHistograms()).isTrue();
        assertThat(httpSd.histograms().alwaysScrapeClassicHistograms()).isTrue();
        assertThat(httpSd.histograms().convertClassicHistogramsToNhcb()).isTrue();
        assertThat(httpSd.histograms().nativeHistogramBucketLimit()).isEqualTo(160);
        assertThat(httpSd.histograms().nativeHistogramMinBucketFactor()).isEqualTo(1.1);
        var sd = httpSd.serviceDiscovery().httpSdConfigs().get(0);
        assertThat(sd.url()).isEqualTo(URI.create("https://sd.example.com/targets"));
        assertThat(sd.refreshInterval()).isEqualTo(d("2m"));
        HttpClientConfig http = sd.httpClient();
        assertThat(http.authorization()).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo("Token");
            assertThat(a.credentials()).isEqualTo("abc123");
        });
        assertThat(http.proxy().proxyUrl()).isEqualTo("http://proxy.example.com:3128");
        assertThat(http.proxy().noProxy()).isEqualTo("localhost,10.0.0.0/8");
        assertThat(http.proxy().proxyConnectHeader())
                .containsEntry("Proxy-Authorization", List.of("Basic Zm9vOmJhcg=="));
        assertThat(http.followRedirects()).isFalse();
        assertThat(http.enableHttp2()).isFalse();
        assertThat(http.httpHeaders().get("X-Team").values()).containsExactly("observability");
        assertThat(http.httpHeaders().get("X-Team").secrets()).containsExactly("s3cret");
        assertThat(http.httpHeaders().get("X-Team").files()).containsExactly("/etc/headers/x-team");

        ScrapeConfig proxied = config.scrapeConfig("proxied").orElseThrow();
        assertThat(proxied.scrapeInterval()).isEqualTo(d("1m"));
        assertThat(proxied.httpClient().proxy().proxyFromEnvironment()).isTrue();
        assertThat(proxied.httpClient().tlsConfig().caFile())
                .as("merged from anchor")
                .isEqualTo("/etc/ca.pem");
        assertThat(proxied.httpClient().tlsConfig().serverName())
                .as("explicit key wins over merge")
                .isEqualTo("proxied.example.com");
        assertThat(proxied.relabelConfigs()).isEqualTo(httpSd.relabelConfigs());
        assertThat(proxied.httpClient().oauth2()).hasValueSatisfying(o -> {
            assertThat(o.tokenUrl()).isEqualTo("https://auth.example.com/oauth2/token");
            assertThat(o.tlsConfig().caFile()).isEqualTo("/etc/oauth-ca.pem");
        });

        ScrapeConfig inherited = config.scrapeConfig("inherited-protocols").orElseThrow();
        assertThat(inherited.scrapeProtocols())
                .as("global protocols win over the native-histogram default")
                .containsExactly(ScrapeProtocol.PROMETHEUS_PROTO, ScrapeProtocol.OPENMETRICS_TEXT_1_0_0);
        assertThat(inherited.httpClient().authorization()).hasValueSatisfying(a -> {
            assertThat(a.type()).isEqualTo("Bearer");
            assertThat(a.credentials()).isEqualTo("legacy-token");
        });
    }

    @Test
    void nativeHistogramsSelectProtoFirstWhenGlobalProtocolsUnset() throws Exception {
        VigilConfig config = ConfigLoader.parse(
                """
                scrape_configs:
                  - job_name: a
                    scrape_native_histograms: true
                  - job_name: b
                """,
                "inline.yml");

        assertThat(config.scrapeConfig("a").orElseThrow().scrapeProtocols())
                .isEqualTo(ScrapeProtocol.DEFAULT_PROTO_FIRST);
        assertThat(config.scrapeConfig("b").orElseThrow().scrapeProtocols()).isEqualTo(ScrapeProtocol.DEFAULT);
    }

    @Test
    void globalTimeoutIsCappedByASmallerGlobalInterval() throws Exception {
        VigilConfig config = ConfigLoader.parse("global:\n  scrape_interval: 5s\n", "inline.yml");

        assertThat(config.global().scrapeTimeout()).isEqualTo(d("5s"));
    }

    @Test
    void loadFromFileKeepsTextAndResolvesRelativePaths(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prometheus.yml");
        String text = "rule_files: [rules/*.yml]\n";
        Files.writeString(file, text);

        VigilConfig config = ConfigLoader.load(file);

        assertThat(config.source().text()).isEqualTo(text);
        assertThat(config.source().name()).isEqualTo(file.toString());
        assertThat(config.source().resolve(config.ruleFiles().get(0)))
                .isEqualTo(dir.toAbsolutePath().resolve("rules/*.yml"));
        assertThat(config.source().resolve("/abs/x.yml")).isEqualTo(Path.of("/abs/x.yml"));
    }

    @Test
    void unreadableFileIsAConfigError(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yml");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ":1:1: cannot read config file");
    }
}
