package dev.vigil.server.http;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The endpoints every Prometheus server has: {@code /-/healthy}, {@code /-/ready}, {@code /metrics},
 * and, only with {@code --web.enable-lifecycle}, {@code /-/reload} and {@code /-/quit}. Response
 * texts and status codes follow Prometheus so that probes and scripts written for it work.
 */
public final class CoreRoutes {
    static final String LIFECYCLE_DISABLED = "Lifecycle API is not enabled.";

    private final MetricRegistry registry;
    private final ServerControl control;
    private final boolean lifecycleEnabled;
    private final RequestMetrics metrics;

    public CoreRoutes(
            MetricRegistry registry, RequestMetrics metrics, ServerControl control, boolean lifecycleEnabled) {
        this.registry = registry;
        this.metrics = metrics;
        this.control = control;
        this.lifecycleEnabled = lifecycleEnabled;
    }

    public void addTo(Router router) {
        for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
            router.route(method, "/-/healthy").handler(metrics.instrument("/-/healthy", this::healthy));
            router.route(method, "/-/ready").handler(metrics.instrument("/-/ready", this::ready));
        }
        router.get("/metrics").handler(metrics.instrument("/metrics", this::metrics));
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT}) {
            router.route(method, "/-/reload").handler(metrics.instrument("/-/reload", this::reload));
            router.route(method, "/-/quit").handler(metrics.instrument("/-/quit", this::quit));
        }
    }

    private void healthy(RoutingContext ctx) {
        text(ctx, 200, "Vigil Server is Healthy.\n");
    }

    private void ready(RoutingContext ctx) {
        if (control.isReady()) {
            text(ctx, 200, "Vigil Server is Ready.\n");
        } else {
            text(ctx, 503, "Service Unavailable");
        }
    }

    private void metrics(RoutingContext ctx) {
        ctx.vertx()
                .executeBlocking(() -> TextExposition.write(registry), false)
                .onSuccess(body -> ctx.response()
                        .putHeader("Content-Type", TextExposition.CONTENT_TYPE)
                        .end(body))
                .onFailure(ctx::fail);
    }

    private void reload(RoutingContext ctx) {
        if (!lifecycleEnabled) {
            text(ctx, 403, LIFECYCLE_DISABLED);
            return;
        }
        ctx.vertx()
                .executeBlocking(control::reload, false)
                .onSuccess(outcome -> {
                    if (outcome.ok()) {
                        ctx.response().setStatusCode(200).end();
                    } else {
                        text(ctx, 500, "failed to reload config: " + outcome.error() + "\n");
                    }
                })
                .onFailure(ctx::fail);
    }

    private void quit(RoutingContext ctx) {
        if (!lifecycleEnabled) {
            text(ctx, 403, LIFECYCLE_DISABLED);
            return;
        }
        text(ctx, 200, "Requesting termination... Goodbye!\n");
        control.requestShutdown();
    }

    private static void text(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body);
    }
}
