package dev.vigil.ui.ingest;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Wraps a route's handler so its requests are counted and timed under a fixed handler name (the route pattern). The
 * server passes its request metrics here ({@code RequestMetrics::instrument}); tests pass {@link #NONE}.
 */
@FunctionalInterface
public interface RouteInstrumentation {
    RouteInstrumentation NONE = (name, handler) -> handler;

    Handler<RoutingContext> instrument(String handlerName, Handler<RoutingContext> handler);
}
