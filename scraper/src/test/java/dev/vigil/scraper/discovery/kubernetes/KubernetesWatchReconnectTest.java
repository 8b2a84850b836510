package dev.vigil.scraper.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.discovery.KubernetesSdConfig;
import dev.vigil.config.discovery.KubernetesSdConfig.AttachMetadata;
import dev.vigil.config.discovery.KubernetesSdConfig.Namespaces;
import dev.vigil.config.discovery.KubernetesSdConfig.Role;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.scraper.discovery.Await;
import dev.vigil.scraper.discovery.RecordingListener;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A watch that the API server drops (here: the server restarts on the same port) reconnects and catches up. */
class KubernetesWatchReconnectTest {
    private final RecordingListener listener = new RecordingListener();
    private FakeApiServer api;
    private KubernetesDiscoverer discoverer;

    @BeforeEach
    void setUp() throws Exception {
        api = new FakeApiServer("apps");
        api.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (discoverer != null) {
            discoverer.close();
        }
        api.close();
    }

    private static Pod pod(String name, String ip) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .addNewPort()
                .withContainerPort(8080)
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPodIP(ip)
                .withPhase("Running")
                .endStatus()
                .build();
    }

    private List<String> addresses() {
        List<TargetGroup> last = listener.last();
        return last == null
                ? List.of()
                : last.stream()
                        .flatMap(g -> g.targets().stream())
                        .map(t -> t.get("__address__"))
                        .sorted()
                        .toList();
    }

    private void startDiscoverer() {
        KubernetesSdConfig config = new KubernetesSdConfig(
                Role.POD,
                api.url(),
                "",
                new Namespaces(false, List.of("apps")),
                List.of(),
                AttachMetadata.NONE,
                HttpClientConfig.DEFAULT);
        discoverer = new KubernetesDiscoverer(config, Path::of, Map.of(), Path.of("/nonexistent"));
        discoverer.start(listener);
    }

    @Test
    void discoveryStartedWhileTheApiServerIsDownFindsTargetsOnceItIsUp() throws Exception {
        api.put(pod("a", "10.0.0.1"));
        api.stop();
        // Until the API server is back, its port takes connections and hangs up at once: the first list fails.
        ServerSocket[] bound = new ServerSocket[1];
        Await.until("port free again", () -> {
            try {
                bound[0] = new ServerSocket(api.port(), 50, InetAddress.getLoopbackAddress());
                return true;
            } catch (java.io.IOException stillClosing) {
                return false;
            }
        });
        try (ServerSocket hangUp = bound[0]) {
            hangUp.setSoTimeout(60_000);
            startDiscoverer();
            hangUp.accept().close();
        }
        api.start();
        Await.until("pod listed after the server came up", Duration.ofSeconds(60), () -> addresses()
                .equals(List.of("10.0.0.1:8080")));
    }

    @Test
    void changesAfterTheApiServerDroppedTheWatchStillArrive() throws Exception {
        api.put(pod("a", "10.0.0.1"));
        startDiscoverer();
        Await.until("first pod", () -> addresses().equals(List.of("10.0.0.1:8080")));
        Await.until("watch open", () -> api.openWatches() == 1);

        // The server goes away with the watch open; a change happens while it is down.
        api.stop();
        api.put(pod("b", "10.0.0.2"));
        api.start();

        Duration reconnect = Duration.ofSeconds(60);
        Await.until("change made while disconnected", reconnect, () -> addresses()
                .equals(List.of("10.0.0.1:8080", "10.0.0.2:8080")));
        Await.until("watch open again", reconnect, () -> api.openWatches() >= 1);

        api.put(pod("c", "10.0.0.3"));
        api.delete("a");
        Await.until("changes after the reconnect", reconnect, () -> addresses()
                .equals(List.of("10.0.0.2:8080", "10.0.0.3:8080")));
        assertThat(listener.last()).extracting(TargetGroup::source).containsExactly("pod/apps/b", "pod/apps/c");
    }
}
