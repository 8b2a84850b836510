package dev.vigil.scraper.loop;

import io.netty.channel.ConnectTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * One fetch of a target, as the future the scrape loop waits for, on either HTTP path. Failing or cancelling it, from
 * any thread, stops its transfer, so nothing more is written into the body buffer once the failure has been seen.
 */
abstract class Fetch extends CompletableFuture<ScrapeClient.Response> {
    /** Stops the transfer; called once, on the thread that failed or cancelled the fetch. */
    abstract void stopTransfer();

    /** Fails the fetch with what went wrong on the wire. */
    final void fail(Throwable error) {
        if (error instanceof ConnectTimeoutException) {
            // The connect timeout is the scrape timeout: report it as the scrape loop reports its own.
            error = new TimeoutException(error.getMessage());
        }
        completeExceptionally(error);
    }

    @Override
    public boolean completeExceptionally(Throwable error) {
        return stopTransferIf(super.completeExceptionally(error));
    }

    // CompletableFuture.cancel does not go through completeExceptionally, so both are overridden.
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return stopTransferIf(super.cancel(mayInterruptIfRunning));
    }

    private boolean stopTransferIf(boolean ended) {
        if (ended) {
            stopTransfer();
        }
        return ended;
    }
}
