package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code endpoints} and {@code endpointslice} roles: one target per endpoint address and port, with the labels
 * of the service the object belongs to and, when an address points at a pod, the pod's labels and those of the
 * container that declares the port. Stateless.
 */
final class EndpointTargets {
    private static final String EP = MetaLabels.PREFIX + "endpoint";
    private static final String EPS = MetaLabels.PREFIX + "endpointslice";
    private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    /** Finds related objects in the informer caches. */
    interface Lookup {
        Service service(String namespace, String name);

        Pod pod(String namespace, String name);
    }

    private EndpointTargets() {}

    static TargetGroup endpoints(Endpoints eps, Lookup lookup) {
        String ns = eps.getMetadata().getNamespace();
        String name = eps.getMetadata().getName();
        LabelsBuilder g = new LabelsBuilder();
        Service svc = lookup.service(ns, name);
        if (svc != null) {
            ServiceTargets.serviceLabels(svc).forEach(g::set);
        }
        g.set(MetaLabels.NAMESPACE, ns);
        g.set(MetaLabels.PREFIX + "endpoints_name", name);
        MetaLabels.addObjectLabels(g, MetaLabels.PREFIX + "endpoints", eps.getMetadata());
        List<Labels> targets = new ArrayList<>();
        if (eps.getSubsets() != null) {
            for (EndpointSubset subset : eps.getSubsets()) {
                List<EndpointPort> ports = subset.getPorts() == null ? List.of() : subset.getPorts();
                addAddresses(targets, subset.getAddresses(), ports, true, ns, lookup);
                addAddresses(targets, subset.getNotReadyAddresses(), ports, false, ns, lookup);
            }
        }
        return new TargetGroup("endpoints/" + ns + "/" + name, targets, g.labels());
    }

    private static void addAddresses(
            List<Labels> targets,
            List<EndpointAddress> addresses,
            List<EndpointPort> ports,
            boolean ready,
            String ns,
            Lookup lookup) {
        if (addresses == null) {
            return;
        }
        for (EndpointAddress address : addresses) {
            for (EndpointPort port : ports) {
                LabelsBuilder t = new LabelsBuilder();
                addPodLabels(t, address.getTargetRef(), ns, port.getPort(), lookup);
                t.set("__address__", MetaLabels.hostPort(address.getIp(), port.getPort()));
                t.set(EP + "_port_name", MetaLabels.orEmpty(port.getName()));
                t.set(EP + "_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
                t.set(EP + "_ready", Boolean.toString(ready));
                t.set(EP + "_hostname", MetaLabels.orEmpty(address.getHostname()));
                t.set(EP + "_node_name", MetaLabels.orEmpty(address.getNodeName()));
                if (address.getTargetRef() != null) {
                    t.set(
                            EP + "_address_target_kind",
                            MetaLabels.orEmpty(address.getTargetRef().getKind()));
                    t.set(
                            EP + "_address_target_name",
                            MetaLabels.orEmpty(address.getTargetRef().getName()));
                }
                targets.add(t.labels());
            }
        }
    }

    static TargetGroup endpointSlice(EndpointSlice slice, Lookup lookup) {
        String ns = slice.getMetadata().getNamespace();
        String name = slice.getMetadata().getName();
        LabelsBuilder g = new LabelsBuilder();
        String serviceName = slice.getMetadata().getLabels() == null
                ? null
                : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
        Service svc = serviceName == null ? null : lookup.service(ns, serviceName);
        if (svc != null) {
            ServiceTargets.serviceLabels(svc).forEach(g::set);
        }
        g.set(MetaLabels.NAMESPACE, ns);
        g.set(EPS + "_name", name);
        g.set(EPS + "_address_type", MetaLabels.orEmpty(slice.getAddressType()));
        MetaLabels.addObjectLabels(g, EPS, slice.getMetadata());
        List<Labels> targets = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports =
                slice.getPorts() == null ? List.of() : slice.getPorts();
        List<Endpoint> endpoints = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
        for (Endpoint ep : endpoints) {
            for (String address : ep.getAddresses() == null ? List.<String>of() : ep.getAddresses()) {
                for (var port : ports) {
                    if (port.getPort() == null) {
                        continue;
                    }
                    LabelsBuilder t = new LabelsBuilder();
                    addPodLabels(t, ep.getTargetRef(), ns, port.getPort(), lookup);
                    t.set("__address__", MetaLabels.hostPort(address, port.getPort()));
                    t.set(EPS + "_port", Integer.toString(port.getPort()));
                    t.set(EPS + "_port_name", MetaLabels.orEmpty(port.getName()));
                    t.set(EPS + "_port_protocol", port.getProtocol() == null ? "TCP" : port.getProtocol());
                    t.set(EPS + "_port_app_protocol", MetaLabels.orEmpty(port.getAppProtocol()));
                    addConditions(t, ep.getConditions());
                    t.set(EPS + "_endpoint_hostname", MetaLabels.orEmpty(ep.getHostname()));
                    t.set(EPS + "_endpoint_node_name", MetaLabels.orEmpty(ep.getNodeName()));
                    t.set(EPS + "_endpoint_zone", MetaLabels.orEmpty(ep.getZone()));
                    if (ep.getTargetRef() != null) {
                        t.set(
                                EPS + "_address_target_kind",
                                MetaLabels.orEmpty(ep.getTargetRef().getKind()));
                        t.set(
                                EPS + "_address_target_name",
                                MetaLabels.orEmpty(ep.getTargetRef().getName()));
                    }
                    targets.add(t.labels());
                }
            }
        }
        return new TargetGroup("endpointslice/" + ns + "/" + name, targets, g.labels());
    }

    private static void addConditions(LabelsBuilder t, EndpointConditions c) {
        if (c == null) {
            return;
        }
        if (c.getReady() != null) {
            t.set(EPS + "_endpoint_conditions_ready", c.getReady().toString());
        }
        if (c.getServing() != null) {
            t.set(EPS + "_endpoint_conditions_serving", c.getServing().toString());
        }
        if (c.getTerminating() != null) {
            t.set(EPS + "_endpoint_conditions_terminating", c.getTerminating().toString());
        }
    }

    /** Adds the pod's labels and, if a container declares {@code port}, that container's labels. */
    private static void addPodLabels(LabelsBuilder t, ObjectReference ref, String ns, int port, Lookup lookup) {
        if (ref == null || !"Pod".equals(ref.getKind())) {
            return;
        }
        Pod pod = lookup.pod(ref.getNamespace() == null ? ns : ref.getNamespace(), ref.getName());
        if (pod == null || pod.getStatus() == null) {
            return;
        }
        PodTargets.podLabels(pod).forEach(t::set);
        List<Container> containers = PodTargets.containers(pod);
        int regular = pod.getSpec().getContainers() == null
                ? 0
                : pod.getSpec().getContainers().size();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort cp : c.getPorts()) {
                if (cp.getContainerPort() != null && cp.getContainerPort() == port) {
                    PodTargets.containerLabels(pod, c, i >= regular).labels().forEach(t::set);
                    PodTargets.addPortLabels(t, cp);
                    return;
                }
            }
        }
    }
}
