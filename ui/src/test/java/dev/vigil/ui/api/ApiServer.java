package dev.vigil.ui.api;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Queryable;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.ui.status.AlertmanagersView;
import dev.vigil.ui.status.RulesView;
import dev.vigil.ui.status.ServerInfo;
import dev.vigil.ui.status.TargetsView;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The API on a real Vert.x HTTP server on a free loopback port, with a fixed clock and test views. */
final class ApiServer {
    /** The fixed "now" of the tests: 2023-11-14T22:13:20Z. */
    static final long NOW_MS = 1_700_000_000_000L;

    static final ApiSettings.GlobalUrlOptions GLOBAL_URL =
            new ApiSettings.GlobalUrlOptions(":9090", "vigil.example.com:9090", "https");

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Vertx vertx = Vertx.vertx();
    final MetricRegistry registry = new MetricRegistry();
    final AtomicBoolean ready = new AtomicBoolean(true);
    final PrometheusApi api;
    private final HttpServer server;

    /** Builder-style options for the tests that need something else than the defaults. */
    record Options(
            int maxConcurrency,
            String corsOrigin,
            boolean admin,
            long bodyLimit,
            ServerInfo info,
            RouteInstrumenter instrumenter) {
        static Options defaults() {
            return new Options(
                    20,
                    ".*",
                    false,
                    ApiSettings.DEFAULT_MAX_REQUEST_BODY_BYTES,
                    TestServerInfo.INSTANCE,
                    RouteInstrumenter.NONE);
        }

        Options withMaxConcurrency(int n) {
            return new Options(n, corsOrigin, admin, bodyLimit, info, instrumenter);
        }

        Options withCors(String regex) {
            return new Options(maxConcurrency, regex, admin, bodyLimit, info, instrumenter);
        }

        Options withAdmin() {
            return new Options(maxConcurrency, corsOrigin, true, bodyLimit, info, instrumenter);
        }

        Options withBodyLimit(long bytes) {
            return new Options(maxConcurrency, corsOrigin, admin, bytes, info, instrumenter);
        }

        Options withInstrumenter(RouteInstrumenter routeInstrumenter) {
            return new Options(maxConcurrency, corsOrigin, admin, bodyLimit, info, routeInstrumenter);
        }
    }

    ApiServer(Options options) throws Exception {
        ApiSettings settings = new ApiSettings(
                options.maxConcurrency(),
                options.corsOrigin(),
                options.admin(),
                options.bodyLimit(),
                GLOBAL_URL,
                Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC));
        api = new PrometheusApi(vertx, settings, options.info(), registry, ready::get);
        Router router = Router.router(vertx);
        api.mount(router, options.instrumenter());
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Serves {@code queryable} with the default engine limits and the given views. */
    ApiServer start(
            Queryable queryable,
            StorageAdmin admin,
            TargetsView targets,
            RulesView rules,
            AlertmanagersView alertmanagers) {
        api.start(new ApiBackend(queryable, EngineOptions.DEFAULT, admin, targets, rules, alertmanagers));
        return this;
    }

    ApiServer start(Queryable queryable) {
        return start(queryable, null, TargetsView.NONE, RulesView.NONE, AlertmanagersView.NONE);
    }

    int port() {
        return server.actualPort();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.actualPort() + pathAndQuery;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form-encoded POST (PUT with {@code method}) of {@code params} given as name, value, name, value... */
    HttpResponse<String> form(String method, String path, String... params) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(encode(params))));
    }

    /** {@code a=1&b=2} from name, value pairs, URL-encoded. */
    static String encode(String... params) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < params.length; i += 2) {
            parts.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    /** {@code path?} followed by the encoded parameters. */
    static String path(String path, String... params) {
        return params.length == 0 ? path : path + "?" + encode(params);
    }

    void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Fixed server facts. */
    enum TestServerInfo implements ServerInfo {
        INSTANCE;

        @Override
        public String configText() {
            return "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: vigil\n"
                    + "    basic_auth:\n      username: admin\n      password: hunter2\n";
        }

        @Override
        public Map<String, String> flags() {
            return Map.of("web.listen-address", ":9090", "query.timeout", "2m", "config.file", "<&>");
        }

        @Override
        public BuildInfo buildInfo() {
            return new BuildInfo("0.1.0", "abc123", "main", "", "2026-01-02T03:04:05Z", "17.0.15");
        }

        @Override
        public Instant startTime() {
            return Instant.ofEpochMilli(NOW_MS - 3_600_000);
        }

        @Override
        public boolean lastReloadSuccessful() {
            return true;
        }

        @Override
        public Instant lastReloadSuccessTime() {
            return Instant.ofEpochSecond(NOW_MS / 1000 - 3_600);
        }

        @Override
        public String storageRetention() {
            return "15d";
        }

        @Override
        public WalReplayStatus walReplay() {
            return new WalReplayStatus(0, 1, 1);
        }
    }
}
