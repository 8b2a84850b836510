package dev.vigil.ui.api;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.metadata.MetadataStore;
import dev.vigil.model.metadata.MetricMetadata;
import dev.vigil.testkit.InMemoryStorage;
import dev.vigil.testkit.SeriesFixture;
import dev.vigil.ui.status.ActiveTarget;
import dev.vigil.ui.status.AlertState;
import dev.vigil.ui.status.AlertStatus;
import dev.vigil.ui.status.AlertingRuleStatus;
import dev.vigil.ui.status.AlertmanagersView;
import dev.vigil.ui.status.PoolTargets;
import dev.vigil.ui.status.RecordingRuleStatus;
import dev.vigil.ui.status.RuleGroupStatus;
import dev.vigil.ui.status.RuleHealth;
import dev.vigil.ui.status.RulesView;
import dev.vigil.ui.status.TargetsView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The data and fake component views the API tests run on. */
final class Fixtures {
    private Fixtures() {}

    static final String SERIES =
            """
            up{job="api", instance="a:9090"} 1 1699999880000
            up{job="api", instance="a:9090"} 1 1699999940000
            up{job="api", instance="a:9090"} 1 1700000000000
            up{job="api", instance="b:9090"} 1 1699999880000
            up{job="api", instance="b:9090"} 0 1699999940000
            up{job="api", instance="b:9090"} 0 1700000000000
            up{job="node", instance="c:9100"} 1 1699999940000
            up{job="node", instance="c:9100"} 1 1700000000000
            weird{case="nan"} NaN 1700000000000
            weird{case="inf"} +Inf 1700000000000
            weird{case="-inf"} -Inf 1700000000000
            weird{case="tiny"} 1e-7 1700000000000
            weird{case="huge"} 1e21 1700000000000
            weird{case="third"} 0.3333333333333333 1700000000000
            weird{case="negzero"} -0.0 1700000000000
            weird{case="sum"} 0.30000000000000004 1700000000000
            escapes{text="<b>&\\"x\\"\\n</b>", "utf8.name"="ü"} 1 1700000000000
            """;

    static InMemoryStorage storage() {
        InMemoryStorage storage = new InMemoryStorage();
        SeriesFixture.load(storage, SERIES);
        return storage;
    }

    static MetadataStore metadata(MetricMetadata... entries) {
        List<MetricMetadata> list = List.of(entries);
        return new MetadataStore() {
            @Override
            public List<MetricMetadata> list() {
                return list;
            }

            @Override
            public Optional<MetricMetadata> get(String family) {
                return list.stream()
                        .filter(m -> m.metricFamily().equals(family))
                        .findFirst();
            }
        };
    }

    static final TargetsView TARGETS = new TargetsView() {
        @Override
        public List<String> scrapePools() {
            return List.of("node", "api", "empty");
        }

        @Override
        public List<PoolTargets> pools() {
            ActiveTarget self = new ActiveTarget(
                    Labels.of(
                            "__address__", "localhost:9090",
                            "__metrics_path__", "/metrics",
                            "__scheme__", "http",
                            "__scrape_interval__", "15s",
                            "__scrape_timeout__", "10s",
                            "job", "api"),
                    Labels.of("instance", "localhost:9090", "job", "api"),
                    "http://localhost:9090/metrics",
                    "up",
                    "",
                    Instant.parse("2023-11-14T22:13:11.123456789Z"),
                    0.004218,
                    "15s",
                    "10s",
                    metadata(
                            new MetricMetadata("up", "gauge", "Whether the target is up.", ""),
                            new MetricMetadata("http_requests_total", "counter", "Requests <by> code.", ""),
                            new MetricMetadata("process_cpu_seconds", "counter", "CPU time.", "seconds")));
            ActiveTarget other = new ActiveTarget(
                    Labels.of("__address__", "127.0.0.1:8080", "job", "api"),
                    Labels.of("instance", "127.0.0.1:8080", "job", "api"),
                    "http://127.0.0.1:8080/metrics?format=text",
                    "unknown",
                    "",
                    null,
                    0,
                    "15s",
                    "10s",
                    metadata(new MetricMetadata("up", "gauge", "Whether the target is up (other help).", "")));
            ActiveTarget down = new ActiveTarget(
                    Labels.of("__address__", "node-1:9100", "__meta_x", "y", "job", "node"),
                    Labels.of("instance", "node-1:9100", "job", "node"),
                    "http://node-1:9100/metrics",
                    "down",
                    "Get \"http://node-1:9100/metrics\": connection refused",
                    Instant.parse("2023-11-14T22:13:05Z"),
                    0.5,
                    "30s",
                    "10s",
                    MetadataStore.EMPTY);
            return List.of(
                    new PoolTargets(
                            "node", List.of(down), List.of(Labels.of("__address__", "skip:1", "job", "node")), 3),
                    new PoolTargets("api", List.of(self, other), List.of(), 0));
        }
    };

    static final RulesView RULES = () -> List.of(
            new RuleGroupStatus(
                    "availability",
                    "/etc/vigil/rules.yml",
                    List.of(
                            new AlertingRuleStatus(
                                    AlertState.FIRING,
                                    "InstanceDown",
                                    "up == 0",
                                    300,
                                    0,
                                    Labels.of("severity", "page"),
                                    Labels.of("summary", "{{ $labels.instance }} is down"),
                                    List.of(new AlertStatus(
                                            Labels.of(
                                                    "alertname", "InstanceDown",
                                                    "instance", "b:9090",
                                                    "job", "api",
                                                    "severity", "page"),
                                            Labels.of("summary", "b:9090 is down"),
                                            AlertState.FIRING,
                                            Instant.parse("2023-11-14T22:00:00.5Z"),
                                            null,
                                            0)),
                                    RuleHealth.OK,
                                    "",
                                    0.000712,
                                    Instant.parse("2023-11-14T22:13:00Z")),
                            new RecordingRuleStatus(
                                    "job:up:sum",
                                    "sum by (job) (up)",
                                    Labels.of("team", "infra"),
                                    RuleHealth.ERR,
                                    "vector contains metrics with the same labelset after applying rule labels",
                                    0.00025,
                                    Instant.parse("2023-11-14T22:13:00Z"))),
                    60,
                    0,
                    0.001,
                    Instant.parse("2023-11-14T22:13:00Z")),
            new RuleGroupStatus(
                    "recording",
                    "/etc/vigil/other.yml",
                    List.of(new RecordingRuleStatus(
                            "instance:up:max",
                            "max by (instance) (up)",
                            Labels.EMPTY,
                            RuleHealth.UNKNOWN,
                            "",
                            0,
                            null)),
                    30,
                    10,
                    0,
                    null));

    static final AlertmanagersView ALERTMANAGERS = new AlertmanagersView() {
        @Override
        public List<String> activeAlertmanagers() {
            return List.of("http://alertmanager:9093/api/v2/alerts");
        }

        @Override
        public List<String> droppedAlertmanagers() {
            return List.of();
        }
    };
}
