package dev.vigil.server.api;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.scraper.ScrapeService;
import dev.vigil.server.BuildInfo;
import dev.vigil.server.ServerOptions;
import dev.vigil.server.alerting.AlertingService;
import dev.vigil.server.config.ConfigReloader;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.ui.api.ApiBackend;
import dev.vigil.ui.api.ApiSettings;
import dev.vigil.ui.api.PrometheusApi;
import dev.vigil.ui.api.RouteInstrumenter;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Puts the Prometheus HTTP API ({@link PrometheusApi}) into the server: mounted on the router before the HTTP server
 * starts, given storage, the query engine's limits, the scraper's targets and the rule manager's and alert sender's
 * status once storage is open. Stateless.
 */
public final class ApiWiring {
    private ApiWiring() {}

    /** Creates the API and mounts its routes; it answers 503 until {@link #start} and while the server is not ready. */
    public static PrometheusApi mount(
            Vertx vertx,
            Router router,
            ServerOptions options,
            MetricRegistry registry,
            RouteInstrumenter instrumenter,
            BuildInfo build,
            Instant startTime,
            Supplier<ConfigReloader> reloader,
            BooleanSupplier storageOpen,
            BooleanSupplier ready) {
        ApiSettings settings = new ApiSettings(
                options.queryApi().maxConcurrency(),
                options.queryApi().corsOrigin(),
                options.enableAdminApi(),
                ApiSettings.DEFAULT_MAX_REQUEST_BODY_BYTES,
                globalUrl(options),
                Clock.systemUTC());
        ServerStatusInfo info = new ServerStatusInfo(options, build, startTime, reloader, storageOpen);
        PrometheusApi api = new PrometheusApi(vertx, settings, info, registry, ready);
        api.mount(router, instrumenter);
        return api;
    }

    /** The engine limits of {@code --query.timeout}, {@code --query.max-samples} and {@code --query.lookback-delta}. */
    public static EngineOptions engineOptions(ServerOptions options) {
        return EngineOptions.DEFAULT
                .withTimeout(options.queryTimeout())
                .withMaxSamples(options.queryMaxSamples())
                .withLookbackDelta(options.queryLookbackDelta());
    }

    /**
     * Gives the API its storage and views, and returns the engine built from the flags (for rule evaluation to share).
     */
    public static Engine start(
            PrometheusApi api,
            Storage storage,
            ScrapeService scraping,
            AlertingService alerting,
            ServerOptions options) {
        EngineOptions engineOptions = engineOptions(options);
        Engine engine = new Engine(storage, engineOptions);
        api.start(new ApiBackend(
                storage,
                engineOptions,
                storage instanceof StorageAdmin admin ? admin : null,
                new ScrapeTargetsView(scraping.status()),
                AlertingViews.rules(alerting),
                AlertingViews.alertmanagers(alerting)));
        return engine;
    }

    /**
     * Prometheus's {@code GlobalURLOptions}: the listen address, and host and scheme of {@code --web.external-url},
     * which defaults to {@code http://<hostname>:<port>/}.
     */
    static ApiSettings.GlobalUrlOptions globalUrl(ServerOptions options) {
        ListenAddress listen = options.listenAddress();
        String listenAddress =
                (listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host()) + ":" + listen.port();
        if (options.externalUrl() != null) {
            URI external = URI.create(options.externalUrl());
            return new ApiSettings.GlobalUrlOptions(listenAddress, external.getRawAuthority(), external.getScheme());
        }
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostname = "localhost";
        }
        return new ApiSettings.GlobalUrlOptions(listenAddress, hostname + ":" + listen.port(), "http");
    }
}
