package dev.vigil.ui.federate;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Queryable;
import dev.vigil.ui.ingest.RouteInstrumentation;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /federate?match[]=...}: the latest sample of each matching series in the Prometheus text format (see
 * {@link FederationWriter}). A request without {@code match[]}, or with one that is not a series selector, is a 400
 * with a plain-text reason, as are Prometheus's federation errors. Reading runs on the worker executor.
 */
public final class FederateRoutes {
    public static final String PATH = "/federate";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Log log = Log.get(FederateRoutes.class);

    private final Supplier<? extends Queryable> storage;
    private final Supplier<Map<String, String>> externalLabels;
    private final Duration lookbackDelta;
    private final Clock clock;
    private final WorkerExecutor workers;
    private final RouteInstrumentation instrumentation;
    private final Counter errors;

    /**
     * @param storage the storage, or a supplier returning null while it is not open yet (then 503)
     * @param externalLabels the current {@code global.external_labels}
     * @param lookbackDelta how old the latest sample of a series may be ({@code --query.lookback-delta})
     */
    public FederateRoutes(
            Supplier<? extends Queryable> storage,
            Supplier<Map<String, String>> externalLabels,
            Duration lookbackDelta,
            Clock clock,
            WorkerExecutor workers,
            RouteInstrumentation instrumentation,
            MetricRegistry registry) {
        this.storage = storage;
        this.externalLabels = externalLabels;
        this.lookbackDelta = lookbackDelta;
        this.clock = clock;
        this.workers = workers;
        this.instrumentation = instrumentation;
        this.errors = registry.counter(
                "vigil_web_federation_errors_total",
                "Total number of errors that occurred while sending federation responses.");
    }

    public void addTo(Router router) {
        router.get(PATH).handler(instrumentation.instrument(PATH, this::federate));
    }

    private void federate(RoutingContext ctx) {
        List<String> params = ctx.queryParam("match[]");
        if (params.isEmpty()) {
            text(
                    ctx,
                    400,
                    "no match[] parameter provided: federation needs at least one series selector, e.g."
                            + " match[]={job=\"prometheus\"}\n");
            return;
        }
        List<Matcher[]> selectors = new ArrayList<>(params.size());
        for (String param : params) {
            try {
                selectors.add(MetricSelectors.parse(param));
            } catch (IllegalArgumentException e) {
                text(ctx, 400, "invalid match[] \"" + param + "\": " + e.getMessage() + "\n");
                return;
            }
        }
        Queryable source = storage.get();
        if (source == null) {
            text(ctx, 503, "Service Unavailable");
            return;
        }
        long now = clock.millis();
        Map<String, String> external = externalLabels.get();
        workers.executeBlocking(
                        () -> new FederationWriter(source, lookbackDelta.toMillis()).render(selectors, now, external),
                        false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        errors.inc();
                        log.error("federation failed", ar.cause());
                        text(ctx, 500, ar.cause().getMessage() + "\n");
                        return;
                    }
                    ctx.response().putHeader("Content-Type", CONTENT_TYPE).end(ar.result());
                });
    }

    private static void text(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body);
    }
}
