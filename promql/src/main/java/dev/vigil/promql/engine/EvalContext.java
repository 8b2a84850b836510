package dev.vigil.promql.engine;

import dev.vigil.promql.ast.AtModifier;
import dev.vigil.promql.ast.DurationExpr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.VectorSelector;
import java.time.Duration;

/**
 * Per-query state shared by the evaluation code: the query's time range, limits, collected annotations and counters,
 * and the cancellation checks. Used by the one thread evaluating the query.
 */
final class EvalContext {
    private final long start;
    private final long end;
    private final long step;
    private final EngineOptions options;
    private final Annotations annotations;
    private final CancelHandle cancel;
    private final long deadlineNanos;
    private long currentSamples;
    long peakSamples;
    long samplesProcessed;
    long seriesTouched;
    long samplesLoaded;
    long sortNanos;
    private int checks;

    EvalContext(long start, long end, long step, EngineOptions options, Annotations annotations, CancelHandle cancel) {
        this.start = start;
        this.end = end;
        this.step = step;
        this.options = options;
        this.annotations = annotations;
        this.cancel = cancel;
        this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    long step() {
        return step;
    }

    boolean isRangeQuery() {
        return step > 0;
    }

    long lookbackMs() {
        return options.lookbackDelta().toMillis();
    }

    Annotations annotations() {
        return annotations;
    }

    long atTime(AtModifier at, long t) {
        switch (at.kind()) {
            case NONE:
                return t;
            case TIMESTAMP:
                return at.timestampMillis();
            case START:
                return start;
            case END:
                return end;
            default:
                throw new IllegalStateException("BUG: unknown @ modifier " + at.kind());
        }
    }

    long offsetMs(VectorSelector vs) {
        return durationMs(vs.offset(), vs.offsetExpr());
    }

    long offsetMs(Subquery sq) {
        return durationMs(sq.offset(), sq.offsetExpr());
    }

    long rangeMs(MatrixSelector ms) {
        return durationMs(ms.range(), ms.rangeExpr());
    }

    long rangeMs(Subquery sq) {
        return durationMs(sq.range(), sq.rangeExpr());
    }

    long stepMs(Subquery sq) {
        long s = durationMs(sq.step(), sq.stepExpr());
        return s > 0 ? s : options.defaultSubqueryStep().toMillis();
    }

    private long durationMs(Duration fixed, DurationExpr expr) {
        if (expr == null) {
            return fixed.toMillis();
        }
        double seconds = expr.seconds(step / 1000.0, (end - start) / 1000.0);
        return Math.round(seconds * 1000);
    }

    /** Starts accounting a new top-level step: samples of earlier steps are no longer held. */
    void resetCurrentSamples(long held) {
        currentSamples = held;
    }

    /** Accounts {@code n} more samples held in memory; fails when over the limit. */
    void addSamples(long n) {
        currentSamples += n;
        samplesProcessed += n;
        if (currentSamples > peakSamples) {
            peakSamples = currentSamples;
        }
        if (currentSamples > options.maxSamples()) {
            throw new TooManySamplesException();
        }
    }

    /** Counts {@code n} samples as seen by the evaluation (the query's statistics), without holding them. */
    void processed(long n) {
        samplesProcessed += n;
    }

    /** Accounts {@code n} more samples held in memory until {@link #release}d; fails when over the limit. */
    void hold(long n) {
        currentSamples += n;
        if (currentSamples > peakSamples) {
            peakSamples = currentSamples;
        }
        if (currentSamples > options.maxSamples()) {
            throw new TooManySamplesException();
        }
    }

    /** Samples no longer held. */
    void release(long n) {
        currentSamples -= n;
    }

    /** Fails when the query was cancelled, its thread interrupted or its deadline passed. Cheap enough for loops. */
    void checkpoint() {
        if ((++checks & 63) != 0) {
            return;
        }
        checkNow();
    }

    void checkNow() {
        if ((cancel != null && cancel.isCancelled()) || Thread.currentThread().isInterrupted()) {
            throw new QueryCancelledException();
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryTimeoutException();
        }
    }
}
