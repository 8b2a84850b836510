package dev.vigil.scraper;

import dev.vigil.config.VigilConfig;
import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Appendable;
import dev.vigil.scraper.discovery.DiscoveryManager;
import dev.vigil.scraper.discovery.DiscoveryMetrics;
import dev.vigil.scraper.discovery.StandardDiscovererFactory;
import dev.vigil.scraper.target.TargetStatusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discovery and scraping together, as the server runs them: a {@link DiscoveryManager} whose updates feed a
 * {@link ScrapeManager}. Relative file paths in the configuration resolve against the directory of the
 * configuration most recently applied.
 *
 * <pre>{@code
 * ScrapeService scraping = new ScrapeService(storage, registry, new TargetStatusRegistry(), Duration.ofSeconds(5));
 * scraping.apply(config);          // at start and on every reload
 * scraping.close();                // before storage closes: stops loops, writes stale markers
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ScrapeService implements AutoCloseable {
    private final ScrapeManager scrapes;
    private final DiscoveryManager discovery;
    private final TargetStatusRegistry status;
    private final DiscoveryMetrics discoveryMetrics;
    private volatile VigilConfig.Source source;

    /** @param discoveryUpdateDelay how long discovery coalesces updates (Prometheus: 5s) */
    public ScrapeService(
            Appendable storage, MetricRegistry registry, TargetStatusRegistry status, Duration discoveryUpdateDelay) {
        this.status = status;
        this.scrapes = new ScrapeManager(storage, registry, status, this::resolve);
        this.discoveryMetrics = DiscoveryMetrics.register(registry);
        this.discovery = new DiscoveryManager(
                new StandardDiscovererFactory(this::resolve, discoveryMetrics), discoveryUpdateDelay, scrapes::sync);
    }

    private Path resolve(String path) {
        VigilConfig.Source s = source;
        return s == null ? Path.of(path) : s.resolve(path);
    }

    /** Applies the scrape configs of {@code config}: pools first, then discovery. */
    public synchronized void apply(VigilConfig config) {
        source = config.source();
        scrapes.applyConfig(config.scrapeConfigs());
        Map<String, ServiceDiscoveryConfigs> jobs = new LinkedHashMap<>();
        for (ScrapeConfig c : config.scrapeConfigs()) {
            jobs.put(c.jobName(), c.serviceDiscovery());
        }
        discovery.apply(jobs);
    }

    public TargetStatusRegistry status() {
        return status;
    }

    /** The discovery failure counters, registered once per registry, for other discovery users (Alertmanagers). */
    public DiscoveryMetrics discoveryMetrics() {
        return discoveryMetrics;
    }

    public ScrapeManager scrapeManager() {
        return scrapes;
    }

    /** Stops discovery, then every scrape loop (stale markers are written). */
    @Override
    public void close() {
        discovery.close();
        scrapes.close();
    }
}
