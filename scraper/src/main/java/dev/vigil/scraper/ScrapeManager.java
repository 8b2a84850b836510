package dev.vigil.scraper;

import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.MetricType;
import dev.vigil.model.storage.Appendable;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.http.ScrapeVertx;
import dev.vigil.scraper.loop.ScrapeMetrics;
import dev.vigil.scraper.loop.ScrapePool;
import dev.vigil.scraper.target.TargetStatusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one {@link ScrapePool} per scrape config and feeds each the target groups discovery finds for its job.
 *
 * <p>{@link #applyConfig} reconciles pools with a new configuration: an unchanged config keeps its pool and loops; a
 * changed one gets a new pool (loops restarted, scrape caches carried over when the series' labels cannot differ);
 * a removed one is stopped and its series marked stale. {@link #sync} is the {@code DiscoveryManager}'s consumer.
 *
 * <pre>{@code
 * ScrapeManager scrapes = new ScrapeManager(storage, registry, statusRegistry, config.source()::resolve);
 * scrapes.applyConfig(config.scrapeConfigs());
 * DiscoveryManager discovery = new DiscoveryManager(factory, Duration.ofSeconds(5), scrapes::sync);
 * }</pre>
 *
 * <p>Thread-safe: every public method is synchronized.
 */
public final class ScrapeManager implements AutoCloseable {
    private static final Log log = Log.get(ScrapeManager.class);

    private final ScrapePool.Context context;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService worker;
    private final Vertx vertx;
    private final Map<String, ScrapePool> pools = new LinkedHashMap<>();
    private Map<String, List<TargetGroup>> lastGroups = Map.of();
    private boolean closed;

    /**
     * @param resolve turns file paths from the configuration (credentials, CA files) into file system paths
     */
    public ScrapeManager(
            Appendable storage, MetricRegistry registry, TargetStatusRegistry status, Function<String, Path> resolve) {
        this(storage, registry, ScrapeMetrics.register(registry), status, resolve, Clock.systemUTC());
    }

    ScrapeManager(
            Appendable storage,
            MetricRegistry registry,
            ScrapeMetrics metrics,
            TargetStatusRegistry status,
            Function<String, Path> resolve,
            Clock clock) {
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.worker = Executors.newFixedThreadPool(workers, daemon("vigil-scrape-worker"));
        this.vertx = ScrapeVertx.create();
        // Ticks and scrape deadlines run on the HTTP event loop: a tick only starts a request there, and a timer
        // thread of its own was one more thread to wake and hand over to for every scrape.
        this.scheduler = ((VertxInternal) vertx).nettyEventLoopGroup().next();
        this.context = new ScrapePool.Context(vertx, storage, scheduler, worker, metrics, status, resolve, clock);
        registry.register(writer -> collect(writer));
    }

    private void collect(dev.vigil.model.metrics.SampleWriter writer) {
        Map<String, int[]> figures = new LinkedHashMap<>();
        synchronized (this) {
            pools.forEach((job, pool) -> figures.put(
                    job, new int[] {pool.activeLoops(), pool.discoveredTargets(), pool.targetLimitExceeded() ? 1 : 0}));
        }
        writer.family("vigil_target_scrape_pools", "Current number of scrape pools.", MetricType.GAUGE);
        writer.sample("vigil_target_scrape_pools", figures.size());
        writer.family(
                "vigil_target_scrape_pool_targets", "Current number of targets in this scrape pool.", MetricType.GAUGE);
        figures.forEach((job, f) ->
                writer.sample("vigil_target_scrape_pool_targets", List.of("scrape_job"), List.of(job), f[0]));
        writer.family("vigil_sd_discovered_targets", "Current number of discovered targets.", MetricType.GAUGE);
        figures.forEach(
                (job, f) -> writer.sample("vigil_sd_discovered_targets", List.of("config"), List.of(job), f[1]));
        writer.family(
                "vigil_target_scrape_pool_exceeded_target_limit",
                "Whether the scrape pool has more targets than its target_limit (1) or not (0).",
                MetricType.GAUGE);
        figures.forEach((job, f) -> writer.sample(
                "vigil_target_scrape_pool_exceeded_target_limit", List.of("scrape_job"), List.of(job), f[2]));
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Reconciles the pools with {@code configs} and re-syncs changed pools with the last known target groups. */
    public synchronized void applyConfig(List<ScrapeConfig> configs) {
        if (closed) {
            throw new IllegalStateException("scrape manager is closed");
        }
        Map<String, ScrapeConfig> wanted = new LinkedHashMap<>();
        for (ScrapeConfig c : configs) {
            wanted.put(c.jobName(), c);
        }
        for (var it = pools.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                log.info("Stopping scrape pool", "scrape_pool", e.getKey());
                e.getValue().stop();
                it.remove();
            }
        }
        wanted.forEach((job, config) -> {
            ScrapePool existing = pools.get(job);
            if (existing != null && existing.config().equals(config)) {
                return;
            }
            ScrapePool pool = new ScrapePool(config, context);
            if (existing != null) {
                log.info("Reloading scrape pool", "scrape_pool", job);
                if (existing.sameSeriesLabels(config)) {
                    pool.inherit(existing);
                } else {
                    existing.stop();
                }
            }
            pools.put(job, pool);
            pool.sync(lastGroups.getOrDefault(job, List.of()));
        });
    }

    /** Delivers discovered target groups (job name to all its groups); jobs without a pool are ignored. */
    public synchronized void sync(Map<String, List<TargetGroup>> groupsByJob) {
        if (closed) {
            return;
        }
        lastGroups = Map.copyOf(groupsByJob);
        groupsByJob.forEach((job, groups) -> {
            ScrapePool pool = pools.get(job);
            if (pool != null) {
                pool.sync(groups);
            }
        });
    }

    /** The pool of {@code job}, if any. */
    public synchronized ScrapePool pool(String job) {
        return pools.get(job);
    }

    /** Stops every loop (marking its series stale), the threads and the scrape Vert.x instance. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (ScrapePool pool : pools.values()) {
                pool.stop();
            }
            pools.clear();
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        ScrapeVertx.close(vertx);
    }
}
