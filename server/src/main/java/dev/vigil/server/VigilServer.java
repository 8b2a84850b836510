package dev.vigil.server;

import dev.vigil.config.core.ConfigException;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.MetricType;
import dev.vigil.model.storage.Storage;
import dev.vigil.promql.engine.Engine;
import dev.vigil.scraper.ScrapeService;
import dev.vigil.scraper.target.TargetStatusRegistry;
import dev.vigil.server.alerting.AlertingService;
import dev.vigil.server.api.ApiWiring;
import dev.vigil.server.config.ConfigReloader;
import dev.vigil.server.config.ConfigSource;
import dev.vigil.server.http.CoreRoutes;
import dev.vigil.server.http.HttpFrontend;
import dev.vigil.server.http.IngestWiring;
import dev.vigil.server.http.ReloadOutcome;
import dev.vigil.server.http.RequestMetrics;
import dev.vigil.server.http.ServerControl;
import dev.vigil.server.selfmetrics.JvmCollector;
import dev.vigil.server.selfmetrics.ProcessCollector;
import dev.vigil.ui.api.PrometheusApi;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Vigil server. Start order: configuration, HTTP (so {@code /-/healthy} answers while
 * storage replays), storage, then ready; shutdown runs in reverse: not ready, HTTP closed,
 * storage flushed and closed, Vert.x stopped.
 *
 * <pre>{@code
 * VigilServer server = VigilServer.start(options, storageFactory);
 * server.awaitShutdown(); // until requestShutdown() (signal, /-/quit) has finished
 * }</pre>
 *
 * Thread-safe: {@link #requestShutdown} and {@link #reload} may be called from any thread.
 */
public final class VigilServer implements ServerControl, AutoCloseable {
    private static final Log log = Log.get(VigilServer.class);

    private final ServerOptions options;
    private final MetricRegistry registry = new MetricRegistry();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final BuildInfo build = BuildInfo.current();
    private volatile ConfigReloader reloader;
    private Vertx vertx;
    private HttpFrontend http;
    private volatile Storage storage;
    private volatile ScrapeService scraping;
    private volatile AlertingService alerting;
    private volatile Throwable shutdownFailure;
    private final Instant startTime = Instant.now();
    private PrometheusApi api;
    private volatile Engine engine;

    private VigilServer(ServerOptions options) {
        this.options = options;
    }

    /** Starts a server and returns once it is ready, or throws with a one-line reason. */
    public static VigilServer start(ServerOptions options, StorageFactory storageFactory) throws StartupException {
        VigilServer server = new VigilServer(options);
        try {
            server.startUp(storageFactory);
            return server;
        } catch (StartupException e) {
            server.close();
            throw e;
        } catch (Exception e) {
            server.close();
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private void startUp(StorageFactory storageFactory) throws Exception {
        log.info(
                "Starting Vigil",
                "version",
                build.version(),
                "revision",
                build.revision(),
                "listen_address",
                options.listenAddress().host() + ":" + options.listenAddress().port(),
                "storage_path",
                options.storagePath(),
                "config_file",
                options.configFile() == null ? "<embedded default>" : options.configFile());
        registerSelfMetrics();
        if (options.configFile() != null) {
            loadConfig(ConfigSource.file(options.configFile()));
        }

        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        Router router = Router.router(vertx);
        RequestMetrics requestMetrics = new RequestMetrics(registry);
        new CoreRoutes(registry, requestMetrics, this, options.enableLifecycle()).addTo(router);
        IngestWiring.addTo(router, vertx, registry, requestMetrics, options, () -> storage, () -> reloader);
        alerting = new AlertingService(options, registry, vertx);
        alerting.addRoutesTo(router);
        api = ApiWiring.mount(
                vertx,
                router,
                options,
                registry,
                requestMetrics::instrument,
                build,
                startTime,
                () -> reloader,
                () -> storage != null,
                this::isReady);
        http = new HttpFrontend(vertx, options.listenAddress(), router);
        int port;
        try {
            port = http.start();
        } catch (Exception e) {
            throw new StartupException(
                    "cannot listen on " + options.listenAddress().host() + ":"
                            + options.listenAddress().port() + ": " + e.getMessage(),
                    e);
        }
        log.info(
                "Listening for web requests", "address", options.listenAddress().host() + ":" + port);
        if (options.configFile() == null) {
            loadConfig(ConfigSource.embeddedDefault(options.listenAddress().localHost() + ":" + port));
        }

        log.info("Opening storage", "path", options.storagePath());
        long openStart = System.nanoTime();
        try {
            storage = storageFactory.open(options, registry);
        } catch (Exception e) {
            throw new StartupException("opening storage at " + options.storagePath() + ": " + e.getMessage(), e);
        }
        log.info("Storage started", "duration", Math.round((System.nanoTime() - openStart) / 1e6) + "ms");
        startScraping();
        startAlerting();
        engine = ApiWiring.start(api, storage, scraping, alerting, options, reloader);
        ready.set(true);
        log.info("Server is ready to receive web requests.");
    }

    /** Discovery and scrape loops write into storage, so they start after it opens and stop before it closes. */
    private void startScraping() {
        scraping = new ScrapeService(storage, registry, new TargetStatusRegistry(), Duration.ofSeconds(5));
        scraping.apply(reloader.current());
        reloader.addConsumer(scraping::apply);
    }

    /** The query engine on storage with the flags' limits; null until storage has opened. */
    public Engine engine() {
        return engine;
    }

    /** Rules read and write storage, so they start after it opens; bad rule files fail the start. */
    private void startAlerting() throws Exception {
        alerting.start(storage, reloader.current(), scraping.discoveryMetrics(), http.port());
        reloader.addConsumer(alerting::apply);
    }

    /** Rule evaluation, alert sending and the notifier (status views for the API); started once storage opened. */
    public AlertingService alerting() {
        return alerting;
    }

    /** Discovery and scraping; null until storage has opened. */
    public ScrapeService scraping() {
        return scraping;
    }

    private void loadConfig(ConfigSource source) throws StartupException {
        ConfigReloader configReloader = new ConfigReloader(source, registry, Clock.systemUTC());
        try {
            configReloader.loadInitial();
        } catch (ConfigException e) {
            throw new StartupException("error loading config from \"" + source + "\": " + e.getMessage(), e);
        }
        reloader = configReloader;
    }

    private void registerSelfMetrics() {
        registry.register(new ProcessCollector());
        registry.register(new JvmCollector());
        registry.register(writer -> {
            writer.family(
                    "vigil_build_info",
                    "A metric with a constant '1' value labeled by version, revision, branch, and java version.",
                    MetricType.GAUGE);
            writer.sample(
                    "vigil_build_info",
                    List.of("branch", "javaversion", "revision", "version"),
                    List.of(build.branch(), BuildInfo.javaVersion(), build.revision(), build.version()),
                    1);
            writer.family("vigil_ready", "Whether Vigil has finished starting and serves requests.", MetricType.GAUGE);
            writer.sample("vigil_ready", ready.get() ? 1 : 0);
        });
    }

    /** The port the HTTP server is bound to. */
    public int httpPort() {
        return http.port();
    }

    public MetricRegistry registry() {
        return registry;
    }

    public ConfigReloader configReloader() {
        return reloader;
    }

    @Override
    public boolean isReady() {
        return ready.get();
    }

    @Override
    public ReloadOutcome reload() {
        ConfigReloader current = reloader;
        if (current == null) {
            return ReloadOutcome.failure("the server has not finished starting");
        }
        return current.reload();
    }

    @Override
    public void requestShutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            return;
        }
        Thread shutdown = new Thread(this::close, "vigil-shutdown");
        shutdown.setDaemon(false);
        shutdown.start();
    }

    /**
     * Waits until an orderly shutdown has finished.
     *
     * @return false if it had not finished in time
     */
    public boolean awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    /** After shutdown: whether every step (HTTP, storage, Vert.x) closed without error. */
    public boolean shutdownWasClean() {
        return closed.getCount() == 0 && shutdownFailure == null;
    }

    /** Waits with no time limit until the server has been shut down. */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    @Override
    public void close() {
        shutdownStarted.set(true);
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            ready.set(false);
            log.info("Stopping Vigil");
            if (http != null) {
                runStep("Stopping web server", () -> http.close());
            }
            if (alerting != null) {
                runStep("Stopping rule manager and notifier", () -> alerting.close());
            }
            if (api != null) {
                runStep("Stopping query API", () -> api.close());
            }
            if (scraping != null) {
                runStep("Stopping scrape manager", () -> scraping.close());
            }
            if (storage != null) {
                runStep("Closing storage", () -> storage.close());
            }
            if (vertx != null) {
                runStep("Stopping Vert.x", () -> vertx.close()
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
            }
            log.info("See you next time!");
            closed.countDown();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void runStep(String what, Step step) {
        log.info(what);
        try {
            step.run();
        } catch (Exception e) {
            shutdownFailure = e;
            log.error(what + " failed", e);
        }
    }
}
