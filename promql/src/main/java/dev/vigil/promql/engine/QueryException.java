package dev.vigil.promql.engine;

/**
 * A query that failed while being evaluated. The subclasses tell the HTTP layer how to classify it: {@link
 * QueryTimeoutException}, {@link QueryCancelledException}, {@link TooManySamplesException}, or this class itself for
 * data the query cannot handle (e.g. {@code vector cannot contain metrics with the same labelset}). Messages read like
 * Prometheus's.
 */
public class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
