package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code service} role: one target per service port at {@code <name>.<namespace>.svc:<port>}. Stateless.
 */
final class ServiceTargets {
    static final String PREFIX = MetaLabels.PREFIX + "service";

    private ServiceTargets() {}

    static TargetGroup group(Service svc) {
        String ns = svc.getMetadata().getNamespace();
        String name = svc.getMetadata().getName();
        List<Labels> targets = new ArrayList<>();
        String type =
                svc.getSpec() == null ? "" : MetaLabels.orEmpty(svc.getSpec().getType());
        List<ServicePort> ports = svc.getSpec() == null || svc.getSpec().getPorts() == null
                ? List.of()
                : svc.getSpec().getPorts();
        for (ServicePort port : ports) {
            LabelsBuilder t = new LabelsBuilder();
            t.set("__address__", name + "." + ns + ".svc:" + port.getPort());
            t.set(PREFIX + "_port_name", MetaLabels.orEmpty(port.getName()));
            t.set(PREFIX + "_port_number", Integer.toString(port.getPort()));
            t.set(PREFIX + "_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
            t.set(PREFIX + "_type", type);
            if ("ExternalName".equals(type)) {
                t.set(
                        PREFIX + "_external_name",
                        MetaLabels.orEmpty(svc.getSpec().getExternalName()));
            } else {
                t.set(PREFIX + "_cluster_ip", MetaLabels.orEmpty(svc.getSpec().getClusterIP()));
            }
            if ("LoadBalancer".equals(type)
                    && svc.getStatus() != null
                    && svc.getStatus().getLoadBalancer() != null) {
                List<LoadBalancerIngress> ingress =
                        svc.getStatus().getLoadBalancer().getIngress();
                if (ingress != null && !ingress.isEmpty()) {
                    t.set(
                            PREFIX + "_loadbalancer_ip",
                            MetaLabels.orEmpty(ingress.get(0).getIp()));
                }
            }
            targets.add(t.labels());
        }
        return new TargetGroup("svc/" + ns + "/" + name, targets, serviceLabels(svc));
    }

    /** Service-level labels, also attached to endpoints and endpoint slices of the service. */
    static Labels serviceLabels(Service svc) {
        LabelsBuilder g = new LabelsBuilder();
        g.set(MetaLabels.NAMESPACE, MetaLabels.orEmpty(svc.getMetadata().getNamespace()));
        g.set(PREFIX + "_name", svc.getMetadata().getName());
        MetaLabels.addObjectLabels(g, PREFIX, svc.getMetadata());
        return g.labels();
    }
}
