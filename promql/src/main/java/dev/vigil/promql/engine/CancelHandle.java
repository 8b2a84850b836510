package dev.vigil.promql.engine;

/**
 * Lets another thread stop a running query: {@link #cancel()} makes the evaluation fail with {@link
 * QueryCancelledException} at its next check (between steps and between series). Thread-safe.
 *
 * <pre>{@code
 * CancelHandle cancel = new CancelHandle();
 * executor.submit(() -> engine.rangeQuery(q, start, end, step, cancel));
 * cancel.cancel();   // e.g. when the HTTP client went away
 * }</pre>
 */
public final class CancelHandle {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
