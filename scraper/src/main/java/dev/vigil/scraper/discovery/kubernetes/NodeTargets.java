package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.List;

/**
 * The {@code node} role: one target per node at its preferred address and kubelet port, with {@code instance} set to
 * the node name. Stateless.
 */
final class NodeTargets {
    private static final String PREFIX = MetaLabels.PREFIX + "node";
    private static final List<String> ADDRESS_PREFERENCE =
            List.of("InternalIP", "InternalDNS", "ExternalIP", "ExternalDNS", "LegacyHostIP", "Hostname");

    private NodeTargets() {}

    static TargetGroup group(Node node) {
        String name = node.getMetadata().getName();
        String source = "node/" + name;
        List<NodeAddress> addresses =
                node.getStatus() == null || node.getStatus().getAddresses() == null
                        ? List.of()
                        : node.getStatus().getAddresses();
        String address = preferredAddress(addresses);
        if (address == null) {
            return new TargetGroup(source, List.of(), Labels.EMPTY);
        }
        int port = kubeletPort(node);
        LabelsBuilder group = new LabelsBuilder();
        group.set(PREFIX + "_name", name);
        group.set(
                PREFIX + "_provider_id",
                node.getSpec() == null ? "" : MetaLabels.orEmpty(node.getSpec().getProviderID()));
        MetaLabels.addObjectLabels(group, PREFIX, node.getMetadata());
        LabelsBuilder target = new LabelsBuilder();
        target.set("__address__", MetaLabels.hostPort(address, port));
        target.set("instance", name);
        for (NodeAddress a : addresses) {
            String labelName = PREFIX + "_address_" + a.getType();
            if (target.get(labelName).isEmpty()) {
                target.set(labelName, a.getAddress());
            }
        }
        return new TargetGroup(source, List.of(target.labels()), group.labels());
    }

    private static String preferredAddress(List<NodeAddress> addresses) {
        for (String type : ADDRESS_PREFERENCE) {
            for (NodeAddress a : addresses) {
                if (type.equals(a.getType())
                        && a.getAddress() != null
                        && !a.getAddress().isEmpty()) {
                    return a.getAddress();
                }
            }
        }
        return null;
    }

    private static int kubeletPort(Node node) {
        if (node.getStatus() != null
                && node.getStatus().getDaemonEndpoints() != null
                && node.getStatus().getDaemonEndpoints().getKubeletEndpoint() != null
                && node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort() != null) {
            return node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
        }
        return 0; // as Prometheus: an unset kubelet port yields port 0
    }
}
