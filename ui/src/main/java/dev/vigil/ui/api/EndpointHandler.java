package dev.vigil.ui.api;

import dev.vigil.model.log.Log;
import dev.vigil.ui.json.ApiJson;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs one {@link Endpoint} for each request: reads the parameters on the event loop, runs the endpoint on an API
 * worker, and writes the reply from a worker too, so that neither evaluation nor JSON encoding of a large result ever
 * blocks an event loop. A client that disconnects cancels its request.
 */
final class EndpointHandler implements Handler<RoutingContext> {
    private static final Log log = Log.get(EndpointHandler.class);

    private final Endpoint endpoint;
    private final WorkerExecutor workers;

    EndpointHandler(Endpoint endpoint, WorkerExecutor workers) {
        this.endpoint = endpoint;
        this.workers = workers;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiRequest request = new ApiRequest(
                toMap(ctx.request().formAttributes()), toMap(ctx.queryParams()), ctx.pathParams(), System.nanoTime());
        ctx.response().closeHandler(v -> request.cancelHandle().cancel());
        Context context = ctx.vertx().getOrCreateContext();
        workers.<CompletionStage<ApiReply>>executeBlocking(() -> endpoint.handle(request), false)
                .onComplete(started -> {
                    if (started.failed()) {
                        writeOnWorker(context, ctx, null, started.cause());
                    } else {
                        started.result().whenComplete((reply, error) -> writeOnWorker(context, ctx, reply, error));
                    }
                });
    }

    private static Map<String, List<String>> toMap(MultiMap params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : params.names()) {
            out.put(name, new ArrayList<>(params.getAll(name)));
        }
        return out;
    }

    private void writeOnWorker(Context context, RoutingContext ctx, ApiReply reply, Throwable error) {
        context.runOnContext(v -> workers.executeBlocking(
                () -> {
                    write(ctx.response(), reply, error);
                    return null;
                },
                false));
    }

    static void write(HttpServerResponse response, ApiReply reply, Throwable error) {
        if (error != null) {
            writeError(response, ErrorMapping.toApiException(error));
            return;
        }
        if (reply instanceof ApiReply.Data data) {
            try {
                writeData(response, data);
            } finally {
                data.onDone().run();
            }
        } else if (!response.closed()) {
            response.setStatusCode(204).end();
        }
    }

    private static void writeData(HttpServerResponse response, ApiReply.Data data) {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(200).putHeader("Content-Type", "application/json");
        ResponseStream out = new ResponseStream(response);
        try {
            try (ApiJson json = ApiJson.to(out)) {
                Envelope.success(json, data);
            }
            out.finish();
        } catch (Exception e) {
            if (!out.committed()) {
                out.discard();
                writeError(response, ErrorMapping.toApiException(e));
            } else if (!response.closed()) {
                log.warn("Failed while streaming an API response; resetting the stream", e);
                response.reset();
            }
        }
    }

    static void writeError(HttpServerResponse response, ApiException e) {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(e.type().httpStatus())
                .putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Envelope.error(e)));
    }
}
