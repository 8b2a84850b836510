package dev.vigil.server.api;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.promql.engine.Engine;
import dev.vigil.scraper.ScrapeService;
import dev.vigil.server.BuildInfo;
import dev.vigil.server.QueryEngineSettings;
import dev.vigil.server.ServerOptions;
import dev.vigil.server.alerting.AlertingService;
import dev.vigil.server.config.ConfigConsumer;
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

    /**
     * Gives the API its storage and views, now and with new engine settings on every reload, and returns an engine
     * with the current settings.
     */
    public static Engine start(
            PrometheusApi api,
            Storage storage,
            ScrapeService scraping,
            AlertingService alerting,
            ServerOptions options,
            ConfigReloader reloader)
            throws Exception {
        ConfigConsumer apply = config -> api.start(new ApiBackend(
                storage,
                QueryEngineSettings.of(options, config),
                storage instanceof StorageAdmin admin ? admin : null,
                new ScrapeTargetsView(scraping.status()),
                AlertingViews.rules(alerting),
                AlertingViews.alertmanagers(alerting)));
        apply.apply(reloader.current());
        reloader.addConsumer(apply);
        return new Engine(storage, QueryEngineSettings.of(options, reloader.current()));
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
