package dev.vigil.promql.engine;

/** The query would hold more than {@link EngineOptions#maxSamples()} samples in memory. */
public final class TooManySamplesException extends QueryException {
    private static final long serialVersionUID = 1L;

    public TooManySamplesException() {
        super("query processing would load too many samples into memory in query execution");
    }
}
