package dev.vigil.scraper.loop;

import java.util.ArrayDeque;

/**
 * Body buffers shared by scrape loops. A loop needs a body buffer only from the start of a fetch to the end of its
 * parse, a few milliseconds of every interval, so buffers kept per target (each grown to its target's body size) were
 * idle nearly all the time: 100 targets of 80 KB bodies held about 17 MB of heap. Taking the most recently returned
 * buffer first hands out buffers that are already grown and still in the cache.
 *
 * <p>At most {@code maxIdle} buffers wait here; more returned at once (a burst of scrapes) are left to the collector.
 * A buffer that an exchange may still write into (a cancelled or failed fetch) must not be returned. Thread-safe.
 */
final class BodyBufferPool {
    /** The pool of all scrape loops in the process. */
    static final BodyBufferPool SHARED =
            new BodyBufferPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final int maxIdle;
    private final ArrayDeque<BodyBuffer> idle = new ArrayDeque<>();

    BodyBufferPool(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /** A buffer for one body: an idle one, or a new one. */
    synchronized BodyBuffer take() {
        BodyBuffer buffer = idle.pollLast();
        return buffer != null ? buffer : new BodyBuffer();
    }

    /** Returns a buffer nothing writes into any more. */
    synchronized void give(BodyBuffer buffer) {
        if (idle.size() < maxIdle) {
            idle.addLast(buffer);
        }
    }

    synchronized int idleCount() {
        return idle.size();
    }
}
