package dev.vigil.ui.api;

import dev.vigil.model.log.Log;
import dev.vigil.model.storage.StorageException;
import dev.vigil.promql.engine.QueryCancelledException;
import dev.vigil.promql.engine.QueryException;
import dev.vigil.promql.engine.QueryTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Classifies failures once, as Prometheus's {@code returnAPIError} does: timeouts (in the queue or in evaluation) are
 * {@code timeout}, cancellations {@code canceled}, other evaluation errors (e.g. too many samples) {@code
 * execution}, storage failures and anything unexpected {@code internal}. Stateless.
 */
final class ErrorMapping {
    private static final Log log = Log.get(ErrorMapping.class);

    private ErrorMapping() {}

    static ApiException toApiException(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof QueryLimiter.QueueTimeoutException || e instanceof QueryTimeoutException) {
            return new ApiException(ErrorType.TIMEOUT, e.getMessage());
        }
        if (e instanceof QueryCancelledException) {
            return new ApiException(ErrorType.CANCELED, e.getMessage());
        }
        if (e instanceof QueryException) {
            return new ApiException(ErrorType.EXECUTION, e.getMessage());
        }
        if (e instanceof StorageException) {
            log.error("Storage failed while serving an API request", e);
            return new ApiException(ErrorType.INTERNAL, e.getMessage());
        }
        log.error("Unexpected error while serving an API request", e);
        return new ApiException(ErrorType.INTERNAL, e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
