package dev.vigil.ui.ingest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the JSON error body of Prometheus's HTTP API, {@code {"status":"error","errorType":"bad_data","error":"..."}},
 * optionally with a {@code data} member (Prometheus allows data on errors). Kept in one place so it can be folded
 * into the API's general error mapping. Stateless.
 */
public final class ApiErrors {
    /** Prometheus's error types with their usual status codes. */
    public enum Type {
        BAD_DATA("bad_data", 400),
        UNAVAILABLE("unavailable", 503),
        INTERNAL("internal", 500);

        private final String wireName;
        private final int status;

        Type(String wireName, int status) {
            this.wireName = wireName;
            this.status = status;
        }

        public String wireName() {
            return wireName;
        }

        public int status() {
            return status;
        }
    }

    private ApiErrors() {}

    public static JsonObject body(Type type, String message, JsonObject data) {
        JsonObject body = new JsonObject()
                .put("status", "error")
                .put("errorType", type.wireName())
                .put("error", message);
        if (data != null) {
            body.put("data", data);
        }
        return body;
    }

    public static void send(RoutingContext ctx, Type type, String message) {
        send(ctx, type, message, null);
    }

    public static void send(RoutingContext ctx, Type type, String message, JsonObject data) {
        sendJson(ctx, type.status(), body(type, message, data));
    }

    /** Sends a Prometheus API success body {@code {"status":"success","data":...}}. */
    public static void sendSuccess(RoutingContext ctx, JsonObject data) {
        sendJson(ctx, 200, new JsonObject().put("status", "success").put("data", data));
    }

    private static void sendJson(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }
}
