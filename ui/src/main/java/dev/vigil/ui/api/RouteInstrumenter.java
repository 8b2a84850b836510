package dev.vigil.ui.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Wraps the first handler of each API route so that its requests are counted and timed under the route pattern
 * (e.g. {@code /api/v1/label/:name/values}); the server passes its request metrics here.
 */
@FunctionalInterface
public interface RouteInstrumenter {
    Handler<RoutingContext> instrument(String route, Handler<RoutingContext> handler);

    RouteInstrumenter NONE = (route, handler) -> handler;
}
