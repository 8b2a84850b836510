package dev.vigil.ui.remote;

import dev.vigil.model.log.Log;
import dev.vigil.model.storage.Storage;
import dev.vigil.ui.ingest.RouteInstrumentation;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The remote write 1.0 receiver ({@code POST /api/v1/write}, only with {@code --web.enable-remote-write-receiver}) and
 * the remote read endpoint ({@code POST /api/v1/read}), with Prometheus's status codes and texts: 204 on a stored
 * write, 400 with the reason for a bad body or a rejected sample, 415 for another encoding or message, 404 while the
 * receiver is disabled, 503 while storage is not open, 413 over the body limit. Decoding and storage work run on the
 * given worker executor, never on the event loop.
 */
public final class RemoteRoutes {
    public static final String WRITE_PATH = "/api/v1/write";
    public static final String READ_PATH = "/api/v1/read";
    static final String RECEIVER_DISABLED =
            "remote write receiver needs to be enabled with --web.enable-remote-write-receiver\n";

    private static final Log log = Log.get(RemoteRoutes.class);
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String WRITE_V1_MESSAGE = "prometheus.WriteRequest";

    /**
     * @param receiverEnabled whether {@code --web.enable-remote-write-receiver} was given
     * @param maxBodyBytes largest accepted compressed body
     * @param maxDecodedBytes largest accepted decompressed message
     * @param readSampleLimit most samples one remote read response may carry
     */
    public record Settings(boolean receiverEnabled, int maxBodyBytes, int maxDecodedBytes, long readSampleLimit) {}

    private final Supplier<Storage> storage;
    private final Supplier<Map<String, String>> externalLabels;
    private final RemoteWriteReceiver receiver;
    private final WorkerExecutor workers;
    private final RouteInstrumentation instrumentation;
    private final Settings settings;

    /**
     * @param storage the storage, or a supplier returning null while it is not open yet
     * @param externalLabels the current {@code global.external_labels}, added to remote read results
     */
    public RemoteRoutes(
            Supplier<Storage> storage,
            Supplier<Map<String, String>> externalLabels,
            RemoteWriteReceiver receiver,
            WorkerExecutor workers,
            RouteInstrumentation instrumentation,
            Settings settings) {
        this.storage = storage;
        this.externalLabels = externalLabels;
        this.receiver = receiver;
        this.workers = workers;
        this.instrumentation = instrumentation;
        this.settings = settings;
    }

    public void addTo(Router router) {
        // Two routes per path: vertx-web wants a body handler first on its route, and the checks that need no body
        // (disabled receiver, headers, storage not open) should answer before it is read.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        router.post(WRITE_PATH).handler(instrumentation.instrument(WRITE_PATH, this::checkWrite));
        router.post(WRITE_PATH).handler(body).handler(this::write);
        router.post(READ_PATH).handler(instrumentation.instrument(READ_PATH, this::checkStorage));
        router.post(READ_PATH).handler(body).handler(this::read);
    }

    private void checkWrite(RoutingContext ctx) {
        if (!settings.receiverEnabled()) {
            text(ctx, 404, RECEIVER_DISABLED);
            return;
        }
        String problem = unsupportedWrite(
                ctx.request().getHeader("Content-Type"), ctx.request().getHeader("Content-Encoding"));
        if (problem != null) {
            log.error("Error decoding remote write request", "err", problem);
            text(ctx, 415, problem + "\n");
            return;
        }
        checkStorage(ctx);
    }

    private void checkStorage(RoutingContext ctx) {
        if (storage.get() == null) {
            text(ctx, 503, "Service Unavailable");
            return;
        }
        ctx.next();
    }

    /** Why a write request's headers are not remote write 1.0, or null; missing headers mean 1.0, as in Prometheus. */
    static String unsupportedWrite(String contentType, String contentEncoding) {
        if (contentEncoding != null
                && !contentEncoding.isBlank()
                && !contentEncoding.trim().equalsIgnoreCase("snappy")) {
            return contentEncoding
                    + " encoding (compression) is not accepted by this server; only snappy is acceptable";
        }
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(PROTOBUF)) {
            return "expected " + PROTOBUF + " as the first (media) part, got " + contentType + " content-type";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length == 2
                    && pair[0].trim().equals("proto")
                    && !pair[1].trim().equals(WRITE_V1_MESSAGE)) {
                return pair[1].trim() + " protobuf message is not accepted by this server; accepted ["
                        + WRITE_V1_MESSAGE + "]";
            }
        }
        return null;
    }

    private void write(RoutingContext ctx) {
        byte[] bytes =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        workers.executeBlocking(() -> receiver.receive(bytes, 0, bytes.length), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.error("Error appending remote write", ar.cause());
                        text(ctx, 500, ar.cause().getMessage() + "\n");
                    } else if (ar.result().ok()) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        text(ctx, 400, ar.result().error() + "\n");
                    }
                });
    }

    private void read(RoutingContext ctx) {
        Storage source = storage.get();
        byte[] bytes =
                ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Map<String, String> external = externalLabels.get();
        workers.executeBlocking(
                        () -> new RemoteReader(source, settings.maxDecodedBytes(), settings.readSampleLimit())
                                .read(bytes, 0, bytes.length, external),
                        false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        log.error("Error serving remote read", ar.cause());
                        text(ctx, 500, ar.cause().getMessage() + "\n");
                        return;
                    }
                    RemoteReader.Reply reply = ar.result();
                    if (reply.error() != null) {
                        text(ctx, reply.status(), reply.error() + "\n");
                        return;
                    }
                    ctx.response()
                            .putHeader("Content-Type", PROTOBUF)
                            .putHeader("Content-Encoding", "snappy")
                            .end(io.vertx.core.buffer.Buffer.buffer(reply.body()));
                });
    }

    private static void text(RoutingContext ctx, int status, String body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(body);
    }
}
