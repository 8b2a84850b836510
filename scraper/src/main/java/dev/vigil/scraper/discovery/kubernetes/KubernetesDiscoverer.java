package dev.vigil.scraper.discovery.kubernetes;

import dev.vigil.config.discovery.KubernetesSdConfig;
import dev.vigil.config.discovery.KubernetesSdConfig.Role;
import dev.vigil.config.discovery.KubernetesSdConfig.Selector;
import dev.vigil.model.log.Log;
import dev.vigil.scraper.discovery.Discoverer;
import dev.vigil.scraper.discovery.TargetGroup;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Kubernetes discovery ({@code kubernetes_sd_configs}) for the roles {@code node}, {@code pod}, {@code service},
 * {@code endpoints}, {@code endpointslice} and {@code ingress}, with the {@code __meta_kubernetes_*} labels Prometheus documents.
 *
 * <p>Objects are tracked with fabric8 informers (list, then watch; on a dropped watch or an expired resource version
 * they reconnect and relist by themselves). Endpoints and endpoint slices also watch services and pods in their
 * namespaces to attach those objects' labels. On any change the full list of groups is rebuilt from the informer
 * caches on one thread and sent if it differs from the last one.
 *
 * <p>Thread-safe.
 */
public final class KubernetesDiscoverer implements Discoverer {
    private static final Log log = Log.get(KubernetesDiscoverer.class);

    private final KubernetesSdConfig config;
    private final Function<String, Path> resolve;
    private final Map<String, String> env;
    private final Path serviceAccountDir;
    private final ExecutorService worker;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();
    private final List<SharedIndexInformer<Service>> services = new ArrayList<>();
    private final List<SharedIndexInformer<? extends HasMetadata>> mains = new ArrayList<>();
    private volatile KubernetesClient client;
    private volatile boolean closed;
    private Consumer<List<TargetGroup>> listener;
    private List<TargetGroup> lastSent;

    /** Uses the process environment and the standard service account directory for in-cluster configuration. */
    public KubernetesDiscoverer(KubernetesSdConfig config, Function<String, Path> resolve) {
        this(config, resolve, System.getenv(), KubernetesClients.SERVICE_ACCOUNT);
    }

    KubernetesDiscoverer(
            KubernetesSdConfig config, Function<String, Path> resolve, Map<String, String> env, Path serviceAccount) {
        this.config = config;
        this.resolve = resolve;
        this.env = Map.copyOf(env);
        this.serviceAccountDir = serviceAccount;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-kubernetes-sd-" + config.role());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Consumer<List<TargetGroup>> listener) {
        this.listener = listener;
        worker.execute(this::startInformers);
    }

    private void startInformers() {
        try {
            KubernetesClient c = KubernetesClients.create(config, resolve, env, serviceAccountDir);
            client = c;
            if (closed) {
                c.close();
                return;
            }
            List<String> namespaces = namespaces();
            switch (config.role()) {
                case NODE -> mains.add(informer(c.nodes(), Role.NODE));
                case POD -> forEachNamespace(namespaces, ns -> mains.add(informer(c.pods(), Role.POD, ns)));
                case SERVICE -> forEachNamespace(namespaces, ns -> mains.add(informer(c.services(), Role.SERVICE, ns)));
                case ENDPOINTS, ENDPOINTSLICE ->
                    forEachNamespace(namespaces, ns -> {
                        if (config.role() == Role.ENDPOINTS) {
                            mains.add(informer(c.endpoints(), Role.ENDPOINTS, ns));
                        } else {
                            mains.add(informer(c.discovery().v1().endpointSlices(), Role.ENDPOINTSLICE, ns));
                        }
                        services.add(informer(c.services(), Role.SERVICE, ns));
                        pods.add(informer(c.pods(), Role.POD, ns));
                    });
                case INGRESS ->
                    forEachNamespace(
                            namespaces,
                            ns -> mains.add(informer(c.network().v1().ingresses(), Role.INGRESS, ns)));
            }
            for (SharedIndexInformer<?> informer : informers) {
                informer.start().whenComplete((ok, error) -> {
                    if (error != null && !closed) {
                        log.warn(
                                "Kubernetes informer could not list yet; it keeps retrying",
                                "role",
                                config.role(),
                                "err",
                                error.toString());
                    }
                    scheduleRebuild();
                });
            }
        } catch (RuntimeException e) {
            log.error("Cannot start Kubernetes discovery", e, "role", config.role());
        }
    }

    private static void forEachNamespace(List<String> namespaces, Consumer<String> action) {
        if (namespaces.isEmpty()) {
            action.accept(null);
        } else {
            namespaces.forEach(action);
        }
    }

    /** The namespaces to watch; empty means all. */
    private List<String> namespaces() {
        List<String> names = new ArrayList<>(config.namespaces().names());
        if (config.namespaces().ownNamespace()) {
            names.add(KubernetesClients.ownNamespace(serviceAccountDir));
        }
        return names;
    }

    private <T extends HasMetadata, L extends KubernetesResourceList<T>> SharedIndexInformer<T> informer(
            MixedOperation<T, L, ? extends Resource<T>> op, Role role, String namespace) {
        return informer(namespace == null ? op.inAnyNamespace() : op.inNamespace(namespace), role);
    }

    private <T extends HasMetadata, L extends KubernetesResourceList<T>> SharedIndexInformer<T> informer(
            FilterWatchListDeletable<T, L, ? extends Resource<T>> scope, Role role) {
        FilterWatchListDeletable<T, L, ? extends Resource<T>> scoped = scope;
        for (Selector selector : config.selectors()) {
            if (selector.role() != role) {
                continue;
            }
            if (!selector.label().isEmpty()) {
                scoped = scoped.withLabelSelector(selector.label());
            }
            for (String term : selector.field().split(",")) {
                String t = term.strip();
                if (t.isEmpty()) {
                    continue;
                }
                int ne = t.indexOf("!=");
                if (ne > 0) {
                    scoped = scoped.withoutField(
                            t.substring(0, ne).strip(), t.substring(ne + 2).strip());
                } else {
                    int eq = t.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("invalid field selector \"" + selector.field() + "\"");
                    }
                    String value = t.substring(t.startsWith("==", eq) ? eq + 2 : eq + 1)
                            .strip();
                    scoped = scoped.withField(t.substring(0, eq).strip(), value);
                }
            }
        }
        SharedIndexInformer<T> informer = scoped.runnableInformer(0);
        // fabric8 gives up on an informer whose first list fails (API server down when Vigil starts) unless told to
        // retry; it backs off between attempts. Objects it cannot deserialize would fail forever, so those stop.
        informer.exceptionHandler((started, error) -> !closed && !ExceptionHandler.isDeserializationException(error));
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                scheduleRebuild();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                scheduleRebuild();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                scheduleRebuild();
            }
        });
        informers.add(informer);
        return informer;
    }

    private void scheduleRebuild() {
        if (!closed && rebuildPending.compareAndSet(false, true)) {
            try {
                worker.execute(this::rebuild);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        if (closed) {
            return;
        }
        try {
            List<TargetGroup> groups = new ArrayList<>();
            EndpointTargets.Lookup lookup = new EndpointTargets.Lookup() {
                @Override
                public Service service(String namespace, String name) {
                    return find(services, namespace, name);
                }

                @Override
                public Pod pod(String namespace, String name) {
                    return find(pods, namespace, name);
                }
            };
            for (SharedIndexInformer<? extends HasMetadata> informer : mains) {
                List<? extends HasMetadata> objects =
                        new ArrayList<>(informer.getStore().list());
                objects.sort(Comparator.comparing((HasMetadata o) ->
                                String.valueOf(o.getMetadata().getNamespace()))
                        .thenComparing(o -> o.getMetadata().getName()));
                for (HasMetadata o : objects) {
                    groups.add(toGroup(o, lookup));
                }
            }
            if (!groups.equals(lastSent)) {
                lastSent = groups;
                listener.accept(List.copyOf(groups));
            }
        } catch (RuntimeException e) {
            log.error("Building Kubernetes target groups failed", e, "role", config.role());
        }
    }

    private static TargetGroup toGroup(HasMetadata o, EndpointTargets.Lookup lookup) {
        if (o instanceof Node n) {
            return NodeTargets.group(n);
        } else if (o instanceof Pod p) {
            return PodTargets.group(p);
        } else if (o instanceof Service s) {
            return ServiceTargets.group(s);
        } else if (o instanceof Endpoints e) {
            return EndpointTargets.endpoints(e, lookup);
        } else if (o instanceof EndpointSlice s) {
            return EndpointTargets.endpointSlice(s, lookup);
        } else if (o instanceof Ingress i) {
            return IngressTargets.group(i);
        }
        throw new IllegalStateException("BUG: unexpected Kubernetes object " + o.getKind());
    }

    private static <T extends HasMetadata> T find(List<SharedIndexInformer<T>> in, String namespace, String name) {
        String key = namespace + "/" + name;
        for (SharedIndexInformer<T> informer : in) {
            T found = informer.getStore().getByKey(key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        for (SharedIndexInformer<?> informer : informers) {
            informer.stop();
        }
        KubernetesClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
