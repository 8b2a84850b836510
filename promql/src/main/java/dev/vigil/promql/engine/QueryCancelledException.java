package dev.vigil.promql.engine;

/** The query was cancelled through its {@link CancelHandle} or by interrupting the evaluating thread. */
public final class QueryCancelledException extends QueryException {
    private static final long serialVersionUID = 1L;

    public QueryCancelledException() {
        super("query was canceled in query execution");
    }
}
