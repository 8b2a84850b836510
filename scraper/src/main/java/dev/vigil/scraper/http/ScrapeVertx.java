package dev.vigil.scraper.http;

import dev.vigil.model.log.Log;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxThreadFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Vert.x instance scraping runs its HTTP clients on: one event loop (a response costs the loop little more than
 * copying its bytes, so one thread keeps up with thousands of targets, with fewer wake-ups and less memory than a loop
 * per core), daemon threads named {@code vigil-scrape-http-…} so they stand out in thread dumps and profiles. Stateless.
 */
public final class ScrapeVertx {
    private static final Log log = Log.get(ScrapeVertx.class);
    private static final String PREFIX = "vigil-scrape-http-";

    private ScrapeVertx() {}

    /** A new instance; the caller closes it with {@link #close}. */
    public static Vertx create() {
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                .setPreferNativeTransport(false)
                .setUseDaemonThread(true)
                .setBlockedThreadCheckInterval(5_000);
        // Vert.x's public builder has no thread naming; its bootstrap (the same builder, one level down) has.
        VertxThreadFactory names = new VertxThreadFactory() {
            @Override
            public VertxThread newVertxThread(
                    Runnable target, String name, boolean worker, long maxExecTime, TimeUnit maxExecTimeUnit) {
                return new VertxThread(
                        target, PREFIX + name.replace("vert.x-", ""), worker, maxExecTime, maxExecTimeUnit);
            }
        };
        return VertxBootstrap.create()
                .options(options)
                .threadFactory(names)
                .init()
                .vertx();
    }

    /** Closes {@code vertx} and its connections, waiting up to 10 seconds. */
    public static void close(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Cannot close the scrape HTTP clients' Vert.x", "err", e.toString());
        }
    }
}
