package dev.vigil.ui.ingest;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A request body as a blocking {@link InputStream}, for parsing on a worker thread while the event loop receives the
 * body. Back-pressure keeps memory bounded: once {@code highWaterBytes} are queued the request is paused, and it is
 * resumed when the reader has drained the queue below {@code lowWaterBytes}. Pausing and resuming happen on the
 * request's event loop only, so the two decisions never race.
 *
 * <p>Thread-safety: the event loop feeds it, one worker thread reads it. {@link #close()} discards the rest of the body
 * (the request is resumed and its data dropped) so the connection can be reused.
 */
public final class RequestBodyStream extends InputStream {
    private final HttpServerRequest request;
    private final Context context;
    private final int highWaterBytes;
    private final int lowWaterBytes;
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private int queuedBytes;
    private long maxQueuedBytes;
    private long receivedBytes;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private Throwable failure;
    private Buffer current;
    private int currentPos;

    private RequestBodyStream(HttpServerRequest request, Context context, int highWaterBytes, int lowWaterBytes) {
        this.request = request;
        this.context = context;
        this.highWaterBytes = highWaterBytes;
        this.lowWaterBytes = lowWaterBytes;
    }

    /** Takes over the request's body; call on the request's event loop before the handler returns. */
    public static RequestBodyStream attach(
            HttpServerRequest request, Context context, int highWaterBytes, int lowWaterBytes) {
        if (lowWaterBytes > highWaterBytes) {
            throw new IllegalArgumentException("low water " + lowWaterBytes + " above high water " + highWaterBytes);
        }
        RequestBodyStream stream = new RequestBodyStream(request, context, highWaterBytes, lowWaterBytes);
        request.handler(stream::onData);
        request.endHandler(v -> stream.onEnd());
        request.exceptionHandler(stream::onFailure);
        request.resume();
        return stream;
    }

    private void onData(Buffer data) {
        boolean pause;
        synchronized (this) {
            if (closed) {
                return;
            }
            queue.add(data);
            queuedBytes += data.length();
            receivedBytes += data.length();
            maxQueuedBytes = Math.max(maxQueuedBytes, queuedBytes);
            pause = !paused && queuedBytes >= highWaterBytes;
            if (pause) {
                paused = true;
            }
            notifyAll();
        }
        if (pause) {
            request.pause();
        }
    }

    private synchronized void onEnd() {
        ended = true;
        notifyAll();
    }

    private synchronized void onFailure(Throwable t) {
        if (!ended) {
            failure = t;
        }
        notifyAll();
    }

    /** Runs on the event loop, like the pausing, so the two never race. */
    private void resumeIfDrained() {
        boolean resume;
        synchronized (this) {
            resume = paused && (closed || queuedBytes <= lowWaterBytes);
            if (resume) {
                paused = false;
            }
        }
        if (resume) {
            request.resume();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (current == null || currentPos == current.length()) {
            if (!takeNext()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - currentPos);
        current.getBytes(currentPos, currentPos + n, b, off);
        currentPos += n;
        return n;
    }

    /** Waits for the next buffer; false at the end of the body. */
    private boolean takeNext() throws IOException {
        boolean askResume;
        synchronized (this) {
            while (queue.isEmpty() && !ended && failure == null && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            if (queue.isEmpty()) {
                if (failure != null) {
                    throw new IOException("request body: " + failure.getMessage(), failure);
                }
                return false;
            }
            current = queue.poll();
            currentPos = 0;
            queuedBytes -= current.length();
            askResume = paused && queuedBytes <= lowWaterBytes;
        }
        if (askResume) {
            context.runOnContext(v -> resumeIfDrained());
        }
        return true;
    }

    /** The most bytes that were queued at once, which back-pressure bounds near the high-water mark. */
    public synchronized long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** Bytes received from the client so far. */
    public synchronized long receivedBytes() {
        return receivedBytes;
    }

    /** Whether the whole body has arrived. */
    public synchronized boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            current = null;
            notifyAll();
        }
        context.runOnContext(v -> resumeIfDrained());
    }
}
