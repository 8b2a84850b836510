package dev.vigil.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one Vert.x HTTP server of a Vigil process. {@link #start} binds and returns the bound port;
 * {@link #close} stops accepting connections. Not thread-safe: started and closed by the lifecycle.
 */
public final class HttpFrontend implements AutoCloseable {
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final ListenAddress address;
    private final Router router;
    private HttpServer server;

    public HttpFrontend(Vertx vertx, ListenAddress address, Router router) {
        this.vertx = vertx;
        this.address = address;
        this.router = router;
    }

    /** Binds the listen address; throws if the port is taken or the host does not resolve. */
    public int start() throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(address.host())
                .setPort(address.port())
                .setCompressionSupported(true)
                // No request decompression here: Netty would read "Content-Encoding: snappy" as framed snappy, but
                // remote write sends snappy blocks; the import endpoint gunzips its stream itself.
                .setDecompressionSupported(false);
        server = await(vertx.createHttpServer(options).requestHandler(router).listen(), BIND_TIMEOUT);
        return server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            await(server.close(), Duration.ofSeconds(10));
            server = null;
        }
    }

    static <T> T await(io.vertx.core.Future<T> future, Duration timeout) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("HTTP server did not answer within " + timeout.toSeconds() + "s");
        }
    }
}
