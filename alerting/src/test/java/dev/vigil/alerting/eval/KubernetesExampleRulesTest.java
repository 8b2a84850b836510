package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.model.labels.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes example rules ({@code examples/rules/kubernetes.yml}) on synthetic node-exporter, cAdvisor and
 * kube-state-metrics series: the alerts that should fire do, after their {@code for}, and the healthy look-alikes
 * do not.
 */
class KubernetesExampleRulesTest {
    private static final long STEP = 15_000;
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    @Test
    void exampleRulesFireOnUnhealthyNodesContainersPodsAndTargets() throws Exception {
        RuleHarness h = new RuleHarness(dir, Instant.parse("2024-05-01T00:00:00Z"));
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(
                Duration.ofMinutes(1),
                Map.of("rules.yml", Files.readString(Path.of("../examples/rules/kubernetes.yml"))));
        long t0 = h.clock.now().toEpochMilli();
        for (int i = 0; i <= 22 * 4; i++) {
            long t = t0 + i * STEP;
            double seconds = i * STEP / 1000.0;
            for (String cpu : List.of("0", "1")) {
                cpuSeconds(h, "n1", cpu, "idle", t, seconds * 0.05);
                cpuSeconds(h, "n1", cpu, "user", t, seconds * 0.95);
                cpuSeconds(h, "n2", cpu, "idle", t, seconds * 0.6);
                cpuSeconds(h, "n2", cpu, "user", t, seconds * 0.4);
            }
            h.append(Labels.of("__name__", "node_memory_MemAvailable_bytes", "instance", "n1"), t, 5e8);
            h.append(Labels.of("__name__", "node_memory_MemTotal_bytes", "instance", "n1"), t, 1e10);
            h.append(Labels.of("__name__", "node_memory_MemAvailable_bytes", "instance", "n2"), t, 6e9);
            h.append(Labels.of("__name__", "node_memory_MemTotal_bytes", "instance", "n2"), t, 1e10);
            workingSet(h, "cart-1", "cart", t, 9.5e8);
            workingSet(h, "web-1", "web", t, 5e8);
            memoryLimit(h, "cart-1", "cart", t);
            memoryLimit(h, "web-1", "web", t);
            h.append(
                    Labels.of(
                            "__name__",
                            "kube_pod_container_status_restarts_total",
                            "namespace",
                            "shop",
                            "pod",
                            "flaky-1",
                            "container",
                            "app",
                            "job",
                            "kube-state-metrics"),
                    t,
                    Math.floor(i / 4.0));
            h.append(
                    Labels.of(
                            "__name__",
                            "kube_pod_container_status_restarts_total",
                            "namespace",
                            "shop",
                            "pod",
                            "steady-1",
                            "container",
                            "app",
                            "job",
                            "kube-state-metrics"),
                    t,
                    1);
            h.append(Labels.of("__name__", "up", "job", "api", "instance", "a:8080"), t, 0);
            h.append(Labels.of("__name__", "up", "job", "api", "instance", "b:8080"), t, 1);
        }

        h.advanceTo(t0 + 9 * MINUTE);
        // The 5m `for`s have passed; the CPU (10m) and memory (15m) ones not yet.
        assertThat(firing(h))
                .containsExactlyInAnyOrder(
                        "ContainerMemoryNearLimit{container=\"cart\", namespace=\"shop\", pod=\"cart-1\"}",
                        "PodRestarting{container=\"app\", job=\"kube-state-metrics\", namespace=\"shop\", pod=\"flaky-1\"}",
                        "TargetDown{instance=\"a:8080\", job=\"api\"}");
        h.advanceTo(t0 + 22 * MINUTE);
        assertThat(firing(h))
                .containsExactlyInAnyOrder(
                        "NodeHighCPU{instance=\"n1\"}",
                        "NodeMemoryHigh{instance=\"n1\"}",
                        "ContainerMemoryNearLimit{container=\"cart\", namespace=\"shop\", pod=\"cart-1\"}",
                        "PodRestarting{container=\"app\", job=\"kube-state-metrics\", namespace=\"shop\", pod=\"flaky-1\"}",
                        "TargetDown{instance=\"a:8080\", job=\"api\"}");
        assertThat(h.manager.groups()).allSatisfy(g -> assertThat(g.rules()).allSatisfy(r -> assertThat(r.health())
                .as(r.name() + ": " + r.lastError())
                .isEqualTo("ok")));
    }

    private static void cpuSeconds(RuleHarness h, String node, String cpu, String mode, long t, double v) {
        h.append(Labels.of("__name__", "node_cpu_seconds_total", "instance", node, "cpu", cpu, "mode", mode), t, v);
    }

    private static void workingSet(RuleHarness h, String pod, String container, long t, double v) {
        h.append(
                Labels.of(
                        "__name__",
                        "container_memory_working_set_bytes",
                        "namespace",
                        "shop",
                        "pod",
                        pod,
                        "container",
                        container,
                        "image",
                        "registry/" + container + ":1",
                        "instance",
                        "n1",
                        "id",
                        "/kubepods/" + pod),
                t,
                v);
    }

    private static void memoryLimit(RuleHarness h, String pod, String container, long t) {
        h.append(
                Labels.of(
                        "__name__",
                        "kube_pod_container_resource_limits",
                        "namespace",
                        "shop",
                        "pod",
                        pod,
                        "container",
                        container,
                        "resource",
                        "memory",
                        "unit",
                        "byte",
                        "node",
                        "n1",
                        "uid",
                        pod + "-uid"),
                t,
                1e9);
    }

    /** Firing alerts as "name{labels without alertname and severity}". */
    private static List<String> firing(RuleHarness h) {
        return h.manager.alerts().stream()
                .filter(a -> a.state().equals("firing"))
                .map(RuleAlertStatus::labels)
                .map(l -> l.get("alertname")
                        + l.toBuilder().del("alertname", "severity").labels())
                .toList();
    }
}
