package dev.vigil.server.http;

import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.metrics.MetricRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts requests per handler and status code and records their latency, under the route pattern
 * (never the raw path, whose values would make unbounded label sets).
 */
public final class RequestMetrics {
    private final Counter requests;
    private final Histogram duration;
    private final Histogram responseSize;

    public RequestMetrics(MetricRegistry registry) {
        this.requests = registry.counter("vigil_http_requests_total", "Counter of HTTP requests.", "code", "handler");
        this.duration = registry.histogram(
                "vigil_http_request_duration_seconds",
                "Histogram of latencies for HTTP requests.",
                Histogram.HTTP_BUCKETS,
                "handler");
        this.responseSize = registry.histogram(
                "vigil_http_response_size_bytes",
                "Histogram of response size for HTTP requests.",
                new double[] {100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000},
                "handler");
    }

    /** Wraps a handler so each request through it is counted under {@code handlerName}. */
    public Handler<RoutingContext> instrument(String handlerName, Handler<RoutingContext> handler) {
        Histogram.Child latency = duration.labels(handlerName);
        Histogram.Child size = responseSize.labels(handlerName);
        return ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(done -> {
                latency.observe((System.nanoTime() - start) / 1e9);
                size.observe(ctx.response().bytesWritten());
                requests.labels(Integer.toString(ctx.response().getStatusCode()), handlerName)
                        .inc();
            });
            handler.handle(ctx);
        };
    }
}
