package dev.vigil.scraper.loop;

import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.log.Log;
import dev.vigil.model.relabel.Relabeler;
import dev.vigil.model.storage.Appendable;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.target.ScrapeReport;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetBuilder;
import dev.vigil.scraper.target.TargetStatusRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The scrape loops of one job. {@link #sync} builds targets from the job's target groups, keeps the loops of targets
 * whose {@link Target#hash()} is unchanged, starts loops for new targets and stops those of vanished ones (with stale
 * markers). With {@code target_limit} set and exceeded, no target is scraped and each reports the error, as in
 * Prometheus.
 *
 * <p>Thread-safe: methods are synchronized; the manager calls them from its own thread.
 */
public final class ScrapePool {
    private static final Log log = Log.get(ScrapePool.class);

    /**
     * Everything a pool needs besides its configuration; shared by all pools.
     *
     * @param vertx the Vert.x instance the scrape HTTP clients run on
     */
    public record Context(
            Vertx vertx,
            Appendable storage,
            ScheduledExecutorService scheduler,
            Executor worker,
            ScrapeMetrics metrics,
            TargetStatusRegistry status,
            Function<String, Path> resolve,
            Clock clock) {}

    private final ScrapeConfig config;
    private final Context context;
    private final TargetBuilder targetBuilder;
    private final Relabeler metricRelabeler;
    private final ScrapeClient client;
    private final String clientError;
    private final Map<Long, ScrapeLoop> loops = new LinkedHashMap<>();
    private Map<Long, SeriesCache> inheritedCaches = Map.of();
    private boolean targetLimitExceeded;
    private int discoveredTargets;
    private boolean stopped;

    public ScrapePool(ScrapeConfig config, Context context) {
        this.config = config;
        this.context = context;
        this.targetBuilder = new TargetBuilder(config);
        this.metricRelabeler = Relabeler.of(config.metricRelabelConfigs(), TargetBuilder.labelNameScheme(config));
        ScrapeClient built = null;
        String error = null;
        try {
            built = new ScrapeClient(config, context.resolve(), context.vertx());
        } catch (IllegalArgumentException e) {
            error = "job " + config.jobName() + ": " + e.getMessage();
            log.error("Cannot create the scrape client; the job's targets will not be scraped", "err", error);
        }
        this.client = built;
        this.clientError = error;
    }

    public ScrapeConfig config() {
        return config;
    }

    /** Whether the scraped series' final labels would be the same under {@code other}, so caches carry over. */
    public boolean sameSeriesLabels(ScrapeConfig other) {
        return config.honorLabels() == other.honorLabels()
                && config.metricRelabelConfigs().equals(other.metricRelabelConfigs())
                && config.limits().equals(other.limits());
    }

    /**
     * Takes over the loops of {@code previous} (same job, changed configuration): they are stopped without stale
     * markers and their caches handed to this pool's loops for the same targets, so series continue without a gap.
     */
    public synchronized void inherit(ScrapePool previous) {
        inheritedCaches = previous.stopForHandOver();
    }

    private synchronized Map<Long, SeriesCache> stopForHandOver() {
        stopped = true;
        Map<Long, SeriesCache> caches = new HashMap<>();
        for (Map.Entry<Long, ScrapeLoop> e : loops.entrySet()) {
            e.getValue().stop(false);
            caches.put(e.getKey(), e.getValue().cache());
        }
        loops.clear();
        closeClient();
        return caches;
    }

    /** Replaces the pool's targets with those built from {@code groups}. */
    public synchronized void sync(List<TargetGroup> groups) {
        if (stopped) {
            return;
        }
        TargetBuilder.Result result = targetBuilder.build(groups);
        for (String error : result.errors()) {
            log.error("Creating target failed", "scrape_pool", config.jobName(), "err", error);
        }
        discoveredTargets = result.active().size() + result.dropped().size();
        List<Target> active = result.active();
        long limit = config.limits().targetLimit();
        String notScraped = clientError;
        targetLimitExceeded = limit > 0 && active.size() > limit;
        if (targetLimitExceeded) {
            notScraped = "target_limit exceeded (number of targets: " + active.size() + ", limit: " + limit + ")";
        }
        List<Target> published = new ArrayList<>(active.size());
        Map<Long, ScrapeLoop> kept = new LinkedHashMap<>();
        if (notScraped == null) {
            for (Target target : active) {
                ScrapeLoop loop = loops.remove(target.hash());
                if (loop == null) {
                    SeriesCache inherited = inheritedCaches.get(target.hash());
                    loop = new ScrapeLoop(
                            target,
                            config,
                            metricRelabeler,
                            client,
                            context.storage(),
                            context.scheduler(),
                            context.worker(),
                            context.metrics(),
                            context.clock(),
                            inherited,
                            BodyBufferPool.SHARED);
                    loop.start();
                }
                kept.put(target.hash(), loop);
                published.add(loop.target());
            }
        } else {
            for (Target target : active) {
                target.report(
                        ScrapeReport.notScraped(notScraped, context.clock().millis()));
                published.add(target);
            }
        }
        inheritedCaches = Map.of();
        for (ScrapeLoop gone : loops.values()) {
            gone.stop(true);
        }
        loops.clear();
        loops.putAll(kept);
        long keep = config.limits().keepDroppedTargets();
        List<dev.vigil.model.labels.Labels> dropped = result.dropped();
        if (keep > 0 && dropped.size() > keep) {
            dropped = dropped.subList(0, (int) keep);
        }
        context.status()
                .publish(
                        config.jobName(),
                        new TargetStatusRegistry.PoolStatus(
                                published, dropped, result.dropped().size()));
    }

    public synchronized int activeLoops() {
        return loops.size();
    }

    public synchronized int discoveredTargets() {
        return discoveredTargets;
    }

    public synchronized boolean targetLimitExceeded() {
        return targetLimitExceeded;
    }

    /** The running loops' targets. */
    public synchronized List<Target> targets() {
        return loops.values().stream().map(ScrapeLoop::target).toList();
    }

    /** Stops every loop with stale markers; the pool is finished. */
    public synchronized void stop() {
        stopped = true;
        for (ScrapeLoop loop : loops.values()) {
            loop.stop(true);
        }
        loops.clear();
        closeClient();
        context.status().remove(config.jobName());
    }

    private void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "ScrapePool[" + Objects.toString(config.jobName()) + "]";
    }
}
