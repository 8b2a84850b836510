package dev.vigil.ui.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The body of an HTTP response written from a worker thread. A body that fits in one chunk (64 KiB) is sent whole
 * with a {@code Content-Length}; a longer one is streamed with chunked encoding, the writing thread waiting whenever
 * the connection's write queue is full, so a large result never sits in memory twice. Until the first chunk is sent
 * the response is not committed and can still be replaced by an error.
 *
 * <p>Used by one thread.
 */
final class ResponseStream extends OutputStream {
    static final int CHUNK = 64 * 1024;
    private static final long DRAIN_POLL_MS = 100;

    private final HttpServerResponse response;
    private Buffer pending = Buffer.buffer(CHUNK);
    private boolean streaming;

    ResponseStream(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        pending.appendByte((byte) b);
        if (pending.length() >= CHUNK) {
            sendChunk();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        pending.appendBytes(b, off, len);
        if (pending.length() >= CHUNK) {
            sendChunk();
        }
    }

    /** Whether part of the body has been sent, after which the status can no longer change. */
    boolean committed() {
        return streaming;
    }

    /** Drops what has not been sent yet. */
    void discard() {
        pending = Buffer.buffer(0);
    }

    /** Sends the rest and ends the response. */
    void finish() throws IOException {
        if (streaming) {
            awaitWritable();
        }
        response.end(pending);
    }

    private void sendChunk() throws IOException {
        if (!streaming) {
            response.setChunked(true);
            streaming = true;
        }
        awaitWritable();
        response.write(pending);
        pending = Buffer.buffer(CHUNK);
    }

    private void awaitWritable() throws IOException {
        while (true) {
            if (response.closed()) {
                throw new IOException("the client closed the connection");
            }
            if (!response.writeQueueFull()) {
                return;
            }
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(v -> drained.countDown());
            try {
                // Polled, since the connection may also close without draining.
                drained.await(DRAIN_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the client to read", e);
            }
        }
    }
}
