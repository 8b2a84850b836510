package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code pod} role: one target per declared container port at {@code <podIP>:<port>}, and one port-less target
 * {@code <podIP>} per container without ports; init containers too, marked by {@code __meta_kubernetes_pod_container_init}.
 * Pods without an IP yield an empty group. Stateless.
 */
final class PodTargets {
    static final String PREFIX = MetaLabels.PREFIX + "pod";

    private PodTargets() {}

    static String source(Pod pod) {
        return "pod/" + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName();
    }

    static TargetGroup group(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            return new TargetGroup(source(pod), List.of(), Labels.EMPTY);
        }
        List<Labels> targets = new ArrayList<>();
        List<Container> containers = containers(pod);
        int regular = pod.getSpec().getContainers() == null
                ? 0
                : pod.getSpec().getContainers().size();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            boolean init = i >= regular;
            if (c.getPorts() == null || c.getPorts().isEmpty()) {
                LabelsBuilder t = containerLabels(pod, c, init);
                t.set("__address__", ip);
                targets.add(t.labels());
                continue;
            }
            for (ContainerPort port : c.getPorts()) {
                LabelsBuilder t = containerLabels(pod, c, init);
                addPortLabels(t, port);
                t.set("__address__", MetaLabels.hostPort(ip, port.getContainerPort()));
                targets.add(t.labels());
            }
        }
        return new TargetGroup(source(pod), targets, podLabels(pod));
    }

    static List<Container> containers(Pod pod) {
        List<Container> all = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            all.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec() != null && pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all;
    }

    /** Labels describing one container of the pod (without port labels). */
    static LabelsBuilder containerLabels(Pod pod, Container c, boolean init) {
        LabelsBuilder t = new LabelsBuilder();
        t.set(PREFIX + "_container_name", c.getName());
        t.set(PREFIX + "_container_image", MetaLabels.orEmpty(c.getImage()));
        t.set(PREFIX + "_container_init", Boolean.toString(init));
        t.set(PREFIX + "_container_id", containerId(pod, c.getName(), init));
        return t;
    }

    static void addPortLabels(LabelsBuilder t, ContainerPort port) {
        t.set(PREFIX + "_container_port_name", MetaLabels.orEmpty(port.getName()));
        t.set(PREFIX + "_container_port_number", Integer.toString(port.getContainerPort()));
        t.set(PREFIX + "_container_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
    }

    private static String containerId(Pod pod, String name, boolean init) {
        if (pod.getStatus() == null) {
            return "";
        }
        List<ContainerStatus> statuses = init
                ? pod.getStatus().getInitContainerStatuses()
                : pod.getStatus().getContainerStatuses();
        if (statuses != null) {
            for (ContainerStatus s : statuses) {
                if (name.equals(s.getName())) {
                    return MetaLabels.orEmpty(s.getContainerID());
                }
            }
        }
        return "";
    }

    /** The pod-level labels, shared by its targets and attached to endpoints that point at the pod. */
    static Labels podLabels(Pod pod) {
        LabelsBuilder g = new LabelsBuilder();
        g.set(MetaLabels.NAMESPACE, MetaLabels.orEmpty(pod.getMetadata().getNamespace()));
        g.set(PREFIX + "_name", pod.getMetadata().getName());
        g.set(PREFIX + "_ip", MetaLabels.orEmpty(pod.getStatus().getPodIP()));
        g.set(PREFIX + "_ready", ready(pod));
        g.set(PREFIX + "_phase", MetaLabels.orEmpty(pod.getStatus().getPhase()));
        g.set(PREFIX + "_node_name", MetaLabels.orEmpty(pod.getSpec().getNodeName()));
        g.set(PREFIX + "_host_ip", MetaLabels.orEmpty(pod.getStatus().getHostIP()));
        g.set(PREFIX + "_uid", MetaLabels.orEmpty(pod.getMetadata().getUid()));
        OwnerReference controller = MetaLabels.controller(pod.getMetadata());
        if (controller != null) {
            g.set(PREFIX + "_controller_kind", MetaLabels.orEmpty(controller.getKind()));
            g.set(PREFIX + "_controller_name", MetaLabels.orEmpty(controller.getName()));
        }
        MetaLabels.addObjectLabels(g, PREFIX, pod.getMetadata());
        return g.labels();
    }

    private static String ready(Pod pod) {
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("Ready".equals(c.getType()) && c.getStatus() != null) {
                    return c.getStatus().toLowerCase(Locale.ROOT);
                }
            }
        }
        return "unknown";
    }
}
