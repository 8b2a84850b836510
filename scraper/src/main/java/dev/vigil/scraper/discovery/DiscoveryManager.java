package dev.vigil.scraper.discovery;

import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.model.log.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the discoverers of every job and delivers the target groups of all jobs to one consumer.
 *
 * <p>Each distinct discovery configuration is one provider, shared by the jobs that use it. Updates are coalesced:
 * the consumer is called at most once per {@code updateDelay} (Prometheus uses 5s), always with the full map of job
 * name to groups, including jobs whose list is empty. {@link #apply} reconfigures: providers whose configuration is
 * unchanged keep running, and their groups are delivered at once to jobs that now use them.
 *
 * <p>Thread-safe. The consumer is called on one internal thread, never concurrently.
 *
 * <pre>{@code
 * DiscoveryManager discovery = new DiscoveryManager(factory, Duration.ofSeconds(5), scrapeManager::sync);
 * discovery.apply(Map.of("node", scrapeConfig.serviceDiscovery()));
 * }</pre>
 */
public final class DiscoveryManager implements AutoCloseable {
    private static final Log log = Log.get(DiscoveryManager.class);

    private final DiscovererFactory factory;
    private final long updateDelayNanos;
    private final Consumer<Map<String, List<TargetGroup>>> consumer;
    private final ScheduledExecutorService sender;

    private final Map<Object, Provider> providers = new LinkedHashMap<>();
    private Set<String> jobs = Set.of();
    private boolean sendScheduled;
    private long lastSendNanos;
    private boolean closed;

    public DiscoveryManager(
            DiscovererFactory factory, Duration updateDelay, Consumer<Map<String, List<TargetGroup>>> consumer) {
        this.factory = factory;
        this.updateDelayNanos = updateDelay.toNanos();
        this.consumer = consumer;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-discovery-sender");
            t.setDaemon(true);
            return t;
        });
        this.lastSendNanos = System.nanoTime() - updateDelayNanos;
    }

    /** The provider keys of one job's discovery configuration. */
    static List<Object> providerKeys(ServiceDiscoveryConfigs configs) {
        List<Object> keys = new ArrayList<>();
        if (!configs.staticConfigs().isEmpty()) {
            keys.add(new StaticConfigs(configs.staticConfigs()));
        }
        keys.addAll(configs.fileSdConfigs());
        keys.addAll(configs.httpSdConfigs());
        keys.addAll(configs.kubernetesSdConfigs());
        return keys;
    }

    /**
     * Replaces the set of jobs and their discovery configurations. Providers no longer used are stopped, new ones
     * started, unchanged ones kept. A discoverer that cannot be created is logged and skipped, so one bad provider
     * does not stop the others.
     */
    public void apply(Map<String, ServiceDiscoveryConfigs> jobConfigs) {
        List<Provider> toStart = new ArrayList<>();
        List<Provider> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("discovery manager is closed");
            }
            Map<Object, Set<String>> wanted = new LinkedHashMap<>();
            jobConfigs.forEach((job, configs) -> {
                for (Object key : providerKeys(configs)) {
                    wanted.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(job);
                }
            });
            for (var it = providers.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!wanted.containsKey(e.getKey())) {
                    e.getValue().active = false;
                    toClose.add(e.getValue());
                    it.remove();
                }
            }
            wanted.forEach((key, providerJobs) -> {
                Provider existing = providers.get(key);
                if (existing != null) {
                    existing.jobs = providerJobs;
                    return;
                }
                try {
                    Provider p = new Provider(key, factory.create(key), providerJobs);
                    providers.put(key, p);
                    toStart.add(p);
                } catch (RuntimeException e) {
                    log.error("Cannot create discoverer", e, "jobs", providerJobs, "config", key);
                }
            });
            jobs = new LinkedHashSet<>(jobConfigs.keySet());
            scheduleSend();
        }
        for (Provider p : toClose) {
            closeQuietly(p);
        }
        for (Provider p : toStart) {
            try {
                p.discoverer.start(groups -> update(p, groups));
            } catch (RuntimeException e) {
                log.error("Cannot start discoverer", e, "jobs", p.jobs, "config", p.key);
            }
        }
    }

    private synchronized void update(Provider provider, List<TargetGroup> groups) {
        if (!provider.active || closed) {
            return;
        }
        provider.groups = List.copyOf(groups);
        scheduleSend();
    }

    private void scheduleSend() {
        if (sendScheduled || closed) {
            return;
        }
        sendScheduled = true;
        long wait = Math.max(0, lastSendNanos + updateDelayNanos - System.nanoTime());
        sender.schedule(this::send, wait, TimeUnit.NANOSECONDS);
    }

    private void send() {
        Map<String, List<TargetGroup>> snapshot;
        synchronized (this) {
            sendScheduled = false;
            lastSendNanos = System.nanoTime();
            if (closed) {
                return;
            }
            snapshot = snapshot();
        }
        try {
            consumer.accept(snapshot);
        } catch (RuntimeException e) {
            log.error("Target group consumer failed", e);
        }
    }

    /** The current groups of every job; a copy. */
    public synchronized Map<String, List<TargetGroup>> snapshot() {
        Map<String, List<TargetGroup>> result = new LinkedHashMap<>();
        for (String job : jobs) {
            result.put(job, new ArrayList<>());
        }
        for (Provider p : providers.values()) {
            for (String job : p.jobs) {
                result.get(job).addAll(p.groups);
            }
        }
        result.replaceAll((job, groups) -> List.copyOf(groups));
        return result;
    }

    /** Stops every discoverer and the sender; no consumer call begins afterwards. */
    @Override
    public void close() {
        List<Provider> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(providers.values());
            toClose.forEach(p -> p.active = false);
            providers.clear();
        }
        sender.shutdownNow();
        toClose.forEach(DiscoveryManager::closeQuietly);
    }

    private static void closeQuietly(Provider p) {
        try {
            p.discoverer.close();
        } catch (RuntimeException e) {
            log.warn("Closing discoverer failed", e, "config", p.key);
        }
    }

    /** A running discoverer and what it last reported. Guarded by the manager's lock. */
    private static final class Provider {
        final Object key;
        final Discoverer discoverer;
        Set<String> jobs;
        List<TargetGroup> groups = List.of();
        volatile boolean active = true;

        Provider(Object key, Discoverer discoverer, Set<String> jobs) {
            this.key = key;
            this.discoverer = discoverer;
            this.jobs = jobs;
        }
    }
}
