package dev.vigil.scraper.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.discovery.KubernetesSdConfig;
import dev.vigil.config.discovery.KubernetesSdConfig.AttachMetadata;
import dev.vigil.config.discovery.KubernetesSdConfig.Namespaces;
import dev.vigil.config.discovery.KubernetesSdConfig.Role;
import dev.vigil.config.discovery.KubernetesSdConfig.Selector;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.scraper.discovery.Await;
import dev.vigil.scraper.discovery.RecordingListener;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs against fabric8's mock API server in CRUD mode over real HTTP on loopback. One server serves the whole class
 * (each test uses its own namespace): java.net.http clients on JDK 17 cannot be closed, so their idle connections
 * make the mock's shutdown wait for its timeout, which is paid once here instead of per test.
 */
class KubernetesDiscovererTest {
    private static KubernetesMockServer server;
    private static KubernetesClient client;

    private final RecordingListener listener = new RecordingListener();
    private KubernetesDiscoverer discoverer;

    // Creates are idempotent (createOr update): under load the client may time out and retry a POST that the
    // mock already applied, which must not fail the test with 409 Conflict.
    @BeforeAll
    static void startServer() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // Shutdown timed out on lingering keep-alive connections; the server is stopped all the same.
        }
    }

    @AfterEach
    void close() {
        if (discoverer != null) {
            discoverer.close();
        }
    }

    private void start(Role role, Namespaces namespaces, List<Selector> selectors) {
        String url = server.url("/").replaceAll("/$", "");
        KubernetesSdConfig config = new KubernetesSdConfig(
                role, url, "", namespaces, selectors, AttachMetadata.NONE, HttpClientConfig.DEFAULT);
        discoverer = new KubernetesDiscoverer(config, Path::of, Map.of(), Path.of("/nonexistent"));
        discoverer.start(listener);
    }

    /**
     * Waits until the discoverer's watch on {@code path} reached the mock. The mock does not replay changes made
     * between an informer's list and its watch (a real API server does, from the list's resourceVersion), so a test
     * changes objects only once the watch is open.
     */
    private static void awaitWatch(String path) {
        Await.until("watch on " + path, () -> {
            try {
                for (RecordedRequest r = server.takeRequest(0, TimeUnit.MILLISECONDS);
                        r != null;
                        r = server.takeRequest(0, TimeUnit.MILLISECONDS)) {
                    if (r.getPath().startsWith(path + "?") && r.getPath().contains("watch=true")) {
                        return true;
                    }
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    private TargetGroup group(String source) {
        List<TargetGroup> last = listener.last();
        return last == null
                ? null
                : last.stream()
                        .filter(g -> g.source().equals(source))
                        .findFirst()
                        .orElse(null);
    }

    private static Pod pod(String ns) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName("web-1")
                .withUid("uid-1")
                .addToLabels("app.kubernetes.io/name", "web")
                .addToAnnotations("prometheus.io/scrape", "true")
                .addNewOwnerReference()
                .withKind("ReplicaSet")
                .withName("web-rs")
                .withController(true)
                .withApiVersion("apps/v1")
                .withUid("rs")
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-a")
                .addNewContainer()
                .withName("app")
                .withImage("web:1")
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withContainerPort(9090)
                .withProtocol("UDP")
                .endPort()
                .endContainer()
                .addNewContainer()
                .withName("sidecar")
                .withImage("side:2")
                .endContainer()
                .addNewInitContainer()
                .withName("init")
                .withImage("init:3")
                .addNewPort()
                .withContainerPort(7070)
                .endPort()
                .endInitContainer()
                .endSpec()
                .withNewStatus()
                .withPodIP("10.0.0.5")
                .withHostIP("192.168.1.10")
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .addNewContainerStatus()
                .withName("app")
                .withContainerID("containerd://abc")
                .endContainerStatus()
                .endStatus()
                .build();
    }

    private static Labels podGroupLabels(String ns, String uid) {
        return Labels.of(
                "__meta_kubernetes_namespace", ns,
                "__meta_kubernetes_pod_name", "web-1",
                "__meta_kubernetes_pod_ip", "10.0.0.5",
                "__meta_kubernetes_pod_ready", "true",
                "__meta_kubernetes_pod_phase", "Running",
                "__meta_kubernetes_pod_node_name", "node-a",
                "__meta_kubernetes_pod_host_ip", "192.168.1.10",
                "__meta_kubernetes_pod_uid", uid,
                "__meta_kubernetes_pod_controller_kind", "ReplicaSet",
                "__meta_kubernetes_pod_controller_name", "web-rs",
                "__meta_kubernetes_pod_label_app_kubernetes_io_name", "web",
                "__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name", "true",
                "__meta_kubernetes_pod_annotation_prometheus_io_scrape", "true",
                "__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape", "true");
    }

    @Test
    void podRoleTargetsEveryPortAndPortlessContainerAndFollowsUpdatesAndDeletes() {
        Pod created = client.pods().inNamespace("pods").resource(pod("pods")).createOr(NonDeletingOperation::update);
        start(Role.POD, new Namespaces(false, List.of("pods")), List.of());

        Await.until("pod group", () -> group("pod/pods/web-1") != null);
        TargetGroup g = group("pod/pods/web-1");
        assertThat(g.labels())
                .isEqualTo(podGroupLabels("pods", created.getMetadata().getUid()));
        assertThat(g.targets())
                .containsExactly(
                        Labels.of(
                                "__address__", "10.0.0.5:8080",
                                "__meta_kubernetes_pod_container_name", "app",
                                "__meta_kubernetes_pod_container_image", "web:1",
                                "__meta_kubernetes_pod_container_init", "false",
                                "__meta_kubernetes_pod_container_id", "containerd://abc",
                                "__meta_kubernetes_pod_container_port_name", "http",
                                "__meta_kubernetes_pod_container_port_number", "8080",
                                "__meta_kubernetes_pod_container_port_protocol", "TCP"),
                        Labels.of(
                                "__address__", "10.0.0.5:9090",
                                "__meta_kubernetes_pod_container_name", "app",
                                "__meta_kubernetes_pod_container_image", "web:1",
                                "__meta_kubernetes_pod_container_init", "false",
                                "__meta_kubernetes_pod_container_id", "containerd://abc",
                                "__meta_kubernetes_pod_container_port_number", "9090",
                                "__meta_kubernetes_pod_container_port_protocol", "UDP"),
                        Labels.of(
                                "__address__", "10.0.0.5",
                                "__meta_kubernetes_pod_container_name", "sidecar",
                                "__meta_kubernetes_pod_container_image", "side:2",
                                "__meta_kubernetes_pod_container_init", "false"),
                        Labels.of(
                                "__address__", "10.0.0.5:7070",
                                "__meta_kubernetes_pod_container_name", "init",
                                "__meta_kubernetes_pod_container_image", "init:3",
                                "__meta_kubernetes_pod_container_init", "true",
                                "__meta_kubernetes_pod_container_port_number", "7070",
                                "__meta_kubernetes_pod_container_port_protocol", "TCP"));

        awaitWatch("/api/v1/namespaces/pods/pods");
        Pod notReady = pod("pods");
        notReady.getStatus().getConditions().get(0).setStatus("False");
        client.pods().inNamespace("pods").resource(notReady).update();
        Await.until(
                "update seen",
                () -> group("pod/pods/web-1") != null
                        && group("pod/pods/web-1")
                                .labels()
                                .get("__meta_kubernetes_pod_ready")
                                .equals("false"));

        client.pods().inNamespace("pods").withName("web-1").delete();
        Await.until("delete seen", () -> listener.last().isEmpty());
    }

    @Test
    void namespacesAndLabelSelectorsLimitWhatIsWatched() {
        client.pods().inNamespace("sel").resource(pod("sel")).createOr(NonDeletingOperation::update);
        Pod other = pod("sel");
        other.getMetadata().setNamespace("sel-other");
        client.pods().inNamespace("sel-other").resource(other).createOr(NonDeletingOperation::update);
        Pod unlabeled = pod("sel");
        unlabeled.getMetadata().setName("plain");
        unlabeled.getMetadata().setLabels(Map.of());
        client.pods().inNamespace("sel").resource(unlabeled).createOr(NonDeletingOperation::update);

        start(
                Role.POD,
                new Namespaces(false, List.of("sel")),
                List.of(new Selector(Role.POD, "app.kubernetes.io/name=web", "")));

        Await.until("one pod", () -> listener.last() != null && listener.last().size() == 1);
        assertThat(listener.last().get(0).source()).isEqualTo("pod/sel/web-1");
    }

    @Test
    void nodeRolePrefersInternalIpAndSetsInstance() {
        client.nodes()
                .resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName("node-a")
                        .addToLabels("kubernetes.io/os", "linux")
                        .endMetadata()
                        .withNewSpec()
                        .withProviderID("aws:///i-1")
                        .endSpec()
                        .withNewStatus()
                        .addNewAddress()
                        .withType("Hostname")
                        .withAddress("node-a.local")
                        .endAddress()
                        .addNewAddress()
                        .withType("ExternalIP")
                        .withAddress("1.2.3.4")
                        .endAddress()
                        .addNewAddress()
                        .withType("InternalIP")
                        .withAddress("10.1.0.1")
                        .endAddress()
                        .withNewDaemonEndpoints()
                        .withNewKubeletEndpoint()
                        .withPort(10250)
                        .endKubeletEndpoint()
                        .endDaemonEndpoints()
                        .endStatus()
                        .build())
                .createOr(NonDeletingOperation::update);
        start(Role.NODE, Namespaces.ALL, List.of());

        Await.until("node group", () -> group("node/node-a") != null);
        TargetGroup g = group("node/node-a");
        assertThat(g.labels())
                .isEqualTo(Labels.of(
                        "__meta_kubernetes_node_name", "node-a",
                        "__meta_kubernetes_node_provider_id", "aws:///i-1",
                        "__meta_kubernetes_node_label_kubernetes_io_os", "linux",
                        "__meta_kubernetes_node_labelpresent_kubernetes_io_os", "true"));
        assertThat(g.targets())
                .containsExactly(Labels.of(
                        "__address__", "10.1.0.1:10250",
                        "instance", "node-a",
                        "__meta_kubernetes_node_address_Hostname", "node-a.local",
                        "__meta_kubernetes_node_address_ExternalIP", "1.2.3.4",
                        "__meta_kubernetes_node_address_InternalIP", "10.1.0.1"));
    }

    private static io.fabric8.kubernetes.api.model.Service service(String ns) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName("web")
                .addToLabels("team", "a")
                .endMetadata()
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("10.96.0.10")
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    private static Labels serviceLabels(String ns) {
        return Labels.of(
                "__meta_kubernetes_namespace", ns,
                "__meta_kubernetes_service_name", "web",
                "__meta_kubernetes_service_label_team", "a",
                "__meta_kubernetes_service_labelpresent_team", "true");
    }

    @Test
    void serviceRoleTargetsEachPort() {
        client.services().inNamespace("shop").resource(service("shop")).createOr(NonDeletingOperation::update);
        start(Role.SERVICE, new Namespaces(false, List.of("shop")), List.of());

        Await.until("service group", () -> group("svc/shop/web") != null);
        TargetGroup g = group("svc/shop/web");
        assertThat(g.labels()).isEqualTo(serviceLabels("shop"));
        assertThat(g.targets())
                .containsExactly(Labels.of(
                        "__address__", "web.shop.svc:80",
                        "__meta_kubernetes_service_port_name", "http",
                        "__meta_kubernetes_service_port_number", "80",
                        "__meta_kubernetes_service_port_protocol", "TCP",
                        "__meta_kubernetes_service_type", "ClusterIP",
                        "__meta_kubernetes_service_cluster_ip", "10.96.0.10"));
    }

    @Test
    void endpointsRoleAttachesServiceAndPodLabels() {
        client.services().inNamespace("eps").resource(service("eps")).createOr(NonDeletingOperation::update);
        client.pods().inNamespace("eps").resource(pod("eps")).createOr(NonDeletingOperation::update);
        client.endpoints()
                .inNamespace("eps")
                .resource(new EndpointsBuilder()
                        .withNewMetadata()
                        .withNamespace("eps")
                        .withName("web")
                        .endMetadata()
                        .addNewSubset()
                        .addNewAddress()
                        .withIp("10.0.0.5")
                        .withNodeName("node-a")
                        .withNewTargetRef()
                        .withKind("Pod")
                        .withName("web-1")
                        .withNamespace("eps")
                        .endTargetRef()
                        .endAddress()
                        .addNewNotReadyAddress()
                        .withIp("10.0.0.6")
                        .endNotReadyAddress()
                        .addNewPort()
                        .withName("http")
                        .withPort(8080)
                        .withProtocol("TCP")
                        .endPort()
                        .endSubset()
                        .build())
                .createOr(NonDeletingOperation::update);
        start(Role.ENDPOINTS, new Namespaces(false, List.of("eps")), List.of());

        Await.until(
                "endpoints group with pod labels",
                () -> group("endpoints/eps/web") != null
                        && group("endpoints/eps/web").targets().get(0).has("__meta_kubernetes_pod_name")
                        && group("endpoints/eps/web").labels().has("__meta_kubernetes_service_name"));
        TargetGroup g = group("endpoints/eps/web");
        assertThat(g.labels())
                .isEqualTo(serviceLabels("eps").toBuilder()
                        .set("__meta_kubernetes_endpoints_name", "web")
                        .labels());
        Labels ready = g.targets().get(0);
        assertThat(ready.get("__address__")).isEqualTo("10.0.0.5:8080");
        assertThat(ready.get("__meta_kubernetes_endpoint_ready")).isEqualTo("true");
        assertThat(ready.get("__meta_kubernetes_endpoint_port_name")).isEqualTo("http");
        assertThat(ready.get("__meta_kubernetes_endpoint_node_name")).isEqualTo("node-a");
        assertThat(ready.get("__meta_kubernetes_endpoint_address_target_kind")).isEqualTo("Pod");
        assertThat(ready.get("__meta_kubernetes_endpoint_address_target_name")).isEqualTo("web-1");
        assertThat(ready.get("__meta_kubernetes_pod_container_name")).isEqualTo("app");
        assertThat(ready.get("__meta_kubernetes_pod_container_port_name")).isEqualTo("http");
        assertThat(ready.get("__meta_kubernetes_pod_ready")).isEqualTo("true");
        Labels notReady = g.targets().get(1);
        assertThat(notReady)
                .isEqualTo(Labels.of(
                        "__address__", "10.0.0.6:8080",
                        "__meta_kubernetes_endpoint_port_name", "http",
                        "__meta_kubernetes_endpoint_port_protocol", "TCP",
                        "__meta_kubernetes_endpoint_ready", "false"));
    }

    @Test
    void endpointSliceRoleReportsConditionsAndServiceLabels() {
        client.services().inNamespace("slices").resource(service("slices")).createOr(NonDeletingOperation::update);
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace("slices")
                .resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withNamespace("slices")
                        .withName("web-abc")
                        .addToLabels("kubernetes.io/service-name", "web")
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addNewEndpoint()
                        .withAddresses("10.0.0.7")
                        .withNewConditions()
                        .withReady(true)
                        .withServing(true)
                        .withTerminating(false)
                        .endConditions()
                        .withNodeName("node-b")
                        .withZone("z1")
                        .endEndpoint()
                        .addNewPort()
                        .withName("http")
                        .withPort(8080)
                        .withProtocol("TCP")
                        .endPort()
                        .build())
                .createOr(NonDeletingOperation::update);
        start(Role.ENDPOINTSLICE, new Namespaces(false, List.of("slices")), List.of());

        Await.until(
                "slice group with service labels",
                () -> group("endpointslice/slices/web-abc") != null
                        && group("endpointslice/slices/web-abc").labels().has("__meta_kubernetes_service_name"));
        TargetGroup g = group("endpointslice/slices/web-abc");
        assertThat(g.labels())
                .isEqualTo(serviceLabels("slices").toBuilder()
                        .set("__meta_kubernetes_endpointslice_name", "web-abc")
                        .set("__meta_kubernetes_endpointslice_address_type", "IPv4")
                        .set("__meta_kubernetes_endpointslice_label_kubernetes_io_service_name", "web")
                        .set("__meta_kubernetes_endpointslice_labelpresent_kubernetes_io_service_name", "true")
                        .labels());
        assertThat(g.targets())
                .containsExactly(Labels.of(
                        "__address__", "10.0.0.7:8080",
                        "__meta_kubernetes_endpointslice_port", "8080",
                        "__meta_kubernetes_endpointslice_port_name", "http",
                        "__meta_kubernetes_endpointslice_port_protocol", "TCP",
                        "__meta_kubernetes_endpointslice_endpoint_conditions_ready", "true",
                        "__meta_kubernetes_endpointslice_endpoint_conditions_serving", "true",
                        "__meta_kubernetes_endpointslice_endpoint_conditions_terminating", "false",
                        "__meta_kubernetes_endpointslice_endpoint_node_name", "node-b",
                        "__meta_kubernetes_endpointslice_endpoint_zone", "z1"));
    }

    @Test
    void ingressRoleTargetsEachRulePathAtItsHostWithTheSchemeFromTls() {
        client.network()
                .v1()
                .ingresses()
                .inNamespace("ing")
                .resource(new IngressBuilder()
                        .withNewMetadata()
                        .withNamespace("ing")
                        .withName("shop")
                        .addToLabels("app.kubernetes.io/name", "shop")
                        .addToAnnotations("nginx.ingress.kubernetes.io/rewrite-target", "/")
                        .endMetadata()
                        .withNewSpec()
                        .withIngressClassName("nginx")
                        .addNewTl()
                        .withHosts("secure.example.com", "*.wild.example.com")
                        .withSecretName("tls")
                        .endTl()
                        .addNewRule()
                        .withHost("secure.example.com")
                        .withNewHttp()
                        .addNewPath()
                        .withPath("/api")
                        .withPathType("Prefix")
                        .withNewBackend()
                        .withNewService()
                        .withName("api")
                        .withNewPort()
                        .withNumber(80)
                        .endPort()
                        .endService()
                        .endBackend()
                        .endPath()
                        .addNewPath()
                        .withPathType("ImplementationSpecific")
                        .withNewBackend()
                        .withNewService()
                        .withName("web")
                        .withNewPort()
                        .withNumber(80)
                        .endPort()
                        .endService()
                        .endBackend()
                        .endPath()
                        .endHttp()
                        .endRule()
                        .addNewRule()
                        .withHost("shop.wild.example.com")
                        .endRule()
                        .addNewRule()
                        .withHost("a.b.wild.example.com")
                        .endRule()
                        .endSpec()
                        .build())
                .createOr(NonDeletingOperation::update);
        start(Role.INGRESS, new Namespaces(false, List.of("ing")), List.of());

        Await.until("ingress group", () -> group("ingress/ing/shop") != null);
        TargetGroup g = group("ingress/ing/shop");
        assertThat(g.labels())
                .isEqualTo(Labels.of(
                        "__meta_kubernetes_namespace", "ing",
                        "__meta_kubernetes_ingress_name", "shop",
                        "__meta_kubernetes_ingress_class_name", "nginx",
                        "__meta_kubernetes_ingress_label_app_kubernetes_io_name", "shop",
                        "__meta_kubernetes_ingress_labelpresent_app_kubernetes_io_name", "true",
                        "__meta_kubernetes_ingress_annotation_nginx_ingress_kubernetes_io_rewrite_target", "/",
                        "__meta_kubernetes_ingress_annotationpresent_nginx_ingress_kubernetes_io_rewrite_target",
                                "true"));
        assertThat(g.targets())
                .containsExactly(
                        ingressTarget("secure.example.com", "https", "/api"),
                        ingressTarget("secure.example.com", "https", "/"),
                        ingressTarget("shop.wild.example.com", "https", "/"),
                        // A wildcard covers exactly one label.
                        ingressTarget("a.b.wild.example.com", "http", "/"));

        awaitWatch("/apis/networking.k8s.io/v1/namespaces/ing/ingresses");
        client.network().v1().ingresses().inNamespace("ing").withName("shop").delete();
        Await.until("ingress delete seen", () -> listener.last().isEmpty());
    }

    private static Labels ingressTarget(String host, String scheme, String path) {
        return Labels.of(
                "__address__", host,
                "__meta_kubernetes_ingress_host", host,
                "__meta_kubernetes_ingress_scheme", scheme,
                "__meta_kubernetes_ingress_path", path);
    }
}
