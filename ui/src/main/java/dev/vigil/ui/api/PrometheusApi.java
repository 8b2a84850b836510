package dev.vigil.ui.api;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.ui.status.ServerInfo;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Prometheus's HTTP API v1 on a Vert.x router: queries, metadata, targets, rules, status and admin endpoints with
 * Prometheus 3's parameters, JSON shapes, status codes and error types.
 *
 * <pre>{@code
 * PrometheusApi api = new PrometheusApi(vertx, settings, serverInfo, registry, server::isReady);
 * api.mount(router, requestMetrics::instrument);   // before the HTTP server starts
 * api.start(new ApiBackend(storage, engineOptions, admin, targets, RulesView.NONE, AlertmanagersView.NONE));
 * api.close();                                     // after the HTTP server stopped
 * }</pre>
 *
 * <p>Until {@link #start} has been called and while {@code ready} is false, every endpoint but {@code
 * /api/v1/status/walreplay} answers 503 {@code Service Unavailable}, as Prometheus does while starting. Every response
 * carries Prometheus's CORS headers. Work runs on API worker threads, queries on the {@link QueryLimiter}'s threads;
 * no handler blocks an event loop.
 *
 * <p>Thread-safe.
 */
public final class PrometheusApi implements AutoCloseable {
    private static final String PREFIX = "/api/v1";

    private final ApiSettings settings;
    private final ServerInfo server;
    private final BooleanSupplier ready;
    private final Cors cors;
    private final QueryLimiter limiter;
    private final WorkerExecutor workers;
    private volatile ApiBackend backend;

    /**
     * @param ready the server's readiness; the API serves only while it is true
     */
    public PrometheusApi(
            Vertx vertx, ApiSettings settings, ServerInfo server, MetricRegistry registry, BooleanSupplier ready) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.server = Objects.requireNonNull(server, "server");
        this.ready = Objects.requireNonNull(ready, "ready");
        this.cors = new Cors(settings.corsOrigin());
        this.limiter = new QueryLimiter(settings.maxConcurrency(), registry);
        int poolSize = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
        // Listing a million series or encoding a large result may take minutes; that is not a blocked thread.
        this.workers = vertx.createSharedWorkerExecutor("vigil-api", poolSize, 10, TimeUnit.MINUTES);
    }

    /** Makes storage and the components' views available; the API serves once the server is also ready. */
    public void start(ApiBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    private ApiBackend backend() {
        ApiBackend b = backend;
        if (b == null) {
            throw new ApiException(ErrorType.UNAVAILABLE, "the server is not ready");
        }
        return b;
    }

    /** Adds the API's routes; each counted by {@code instrumenter} under its route pattern. */
    public void mount(Router router, RouteInstrumenter instrumenter) {
        BodyHandler body = BodyHandler.create(false)
                .setBodyLimit(settings.maxRequestBodyBytes())
                .setMergeFormAttributes(false);
        QueryEndpoints queries = new QueryEndpoints(this::backend, limiter, settings.clock());
        QueryTextEndpoints text = new QueryTextEndpoints(this::backend);
        SeriesEndpoints series = new SeriesEndpoints(this::backend);
        MetadataEndpoints metadata = new MetadataEndpoints(this::backend);
        TargetsEndpoints targets = new TargetsEndpoints(this::backend, settings.globalUrl());
        RulesEndpoints rules = new RulesEndpoints(this::backend);
        StatusEndpoints status = new StatusEndpoints(server, this::backend, settings.clock());
        AdminEndpoints admin = new AdminEndpoints(this::backend, settings.enableAdminApi());

        List<HttpMethod> getPost = List.of(HttpMethod.GET, HttpMethod.POST);
        List<HttpMethod> get = List.of(HttpMethod.GET);
        List<HttpMethod> postPut = List.of(HttpMethod.POST, HttpMethod.PUT);
        Mounter m = new Mounter(router, instrumenter, body);
        m.add(getPost, "/query", queries::instant);
        m.add(getPost, "/query_range", queries::range);
        m.add(getPost, "/query_exemplars", Endpoint.sync(text::exemplars));
        m.add(getPost, "/format_query", Endpoint.sync(text::format));
        m.add(getPost, "/parse_query", Endpoint.sync(text::parse));
        m.add(getPost, "/labels", Endpoint.sync(series::labelNames));
        m.add(get, "/label/:name/values", Endpoint.sync(series::labelValues));
        m.add(getPost, "/series", Endpoint.sync(series::series));
        m.add(get, "/scrape_pools", Endpoint.sync(targets::scrapePools));
        m.add(get, "/targets", Endpoint.sync(targets::targets));
        m.add(get, "/targets/metadata", Endpoint.sync(metadata::targetMetadata));
        m.add(get, "/metadata", Endpoint.sync(metadata::metricMetadata));
        m.add(get, "/alertmanagers", Endpoint.sync(rules::alertmanagers));
        m.add(get, "/alerts", Endpoint.sync(rules::alerts));
        m.add(get, "/rules", Endpoint.sync(rules::rules));
        m.add(get, "/status/config", Endpoint.sync(status::config));
        m.add(get, "/status/runtimeinfo", Endpoint.sync(status::runtimeInfo));
        m.add(get, "/status/buildinfo", Endpoint.sync(status::buildInfo));
        m.add(get, "/status/flags", Endpoint.sync(status::flags));
        m.add(get, "/status/tsdb", Endpoint.sync(status::tsdb));
        m.addAlwaysServed(get, "/status/walreplay", Endpoint.sync(status::walReplay));
        m.add(postPut, "/admin/tsdb/delete_series", Endpoint.sync(admin::deleteSeries));
        m.add(postPut, "/admin/tsdb/clean_tombstones", Endpoint.sync(admin::cleanTombstones));
        m.add(postPut, "/admin/tsdb/snapshot", Endpoint.sync(admin::snapshot));

        // Preflight requests for any API path, as Prometheus answers them: 204 with the CORS headers.
        router.route(HttpMethod.OPTIONS, PREFIX + "/*")
                .handler(new Entry(instrumenter.instrument(PREFIX + "/*path", entry(false))))
                .handler(ctx -> ctx.response().setStatusCode(204).end());
    }

    /** CORS on every response, then Prometheus's readiness gate. */
    private Handler<RoutingContext> entry(boolean alwaysServed) {
        return ctx -> {
            cors.apply(ctx.request().getHeader("Origin"), ctx.response().headers());
            if (!alwaysServed && (backend == null || !ready.getAsBoolean())) {
                ctx.response()
                        .setStatusCode(503)
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Service Unavailable");
                return;
            }
            ctx.next();
        };
    }

    /**
     * The first handler of every route: counting, CORS and readiness. A platform handler, so that Vert.x lets it run
     * before the body handler and request metrics include the reading of the body (and its 413 answers).
     */
    private record Entry(Handler<RoutingContext> delegate) implements PlatformHandler {
        @Override
        public void handle(RoutingContext ctx) {
            delegate.handle(ctx);
        }
    }

    private final class Mounter {
        private final Router router;
        private final RouteInstrumenter instrumenter;
        private final BodyHandler body;

        Mounter(Router router, RouteInstrumenter instrumenter, BodyHandler body) {
            this.router = router;
            this.instrumenter = instrumenter;
            this.body = body;
        }

        void add(List<HttpMethod> methods, String path, Endpoint endpoint) {
            add(methods, path, endpoint, false);
        }

        void addAlwaysServed(List<HttpMethod> methods, String path, Endpoint endpoint) {
            add(methods, path, endpoint, true);
        }

        private void add(List<HttpMethod> methods, String path, Endpoint endpoint, boolean alwaysServed) {
            String pattern = PREFIX + path;
            Route route = router.route(pattern);
            methods.forEach(route::method);
            route.handler(new Entry(instrumenter.instrument(pattern, entry(alwaysServed))))
                    .handler(body)
                    .handler(new EndpointHandler(endpoint, workers));
        }
    }

    /** Queries evaluating or waiting now; for tests and status. */
    public QueryLimiter queryLimiter() {
        return limiter;
    }

    /** Stops the query and worker threads; call after the HTTP server stopped accepting requests. */
    @Override
    public void close() {
        limiter.close();
        workers.close();
    }
}
