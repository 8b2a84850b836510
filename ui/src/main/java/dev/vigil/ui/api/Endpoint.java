package dev.vigil.ui.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One API operation. {@link #handle} runs on an API worker thread, never on an event loop; it may block (storage
 * reads) or hand slow work to another pool and complete later (queries). Failures are {@link ApiException}s; any
 * other exception becomes an {@code internal} error.
 */
@FunctionalInterface
public interface Endpoint {
    CompletionStage<ApiReply> handle(ApiRequest request) throws Exception;

    /** An operation that finishes on the worker thread. */
    @FunctionalInterface
    interface Sync {
        ApiReply handle(ApiRequest request) throws Exception;
    }

    static Endpoint sync(Sync sync) {
        return request -> CompletableFuture.completedFuture(sync.handle(request));
    }
}
