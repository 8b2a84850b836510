package dev.vigil.promql.engine;

/** The query ran past {@link EngineOptions#timeout()}. */
public final class QueryTimeoutException extends QueryException {
    private static final long serialVersionUID = 1L;

    public QueryTimeoutException() {
        super("query timed out in query execution");
    }
}
