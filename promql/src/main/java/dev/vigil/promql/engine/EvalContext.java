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
    private int checks;
    private final long[] samplesPerStep;
    private long samplesAtStepStart;

    EvalContext(long start, long end, long step, EngineOptions options, Annotations annotations, CancelHandle cancel) {
        this.start = start;
        this.end = end;
        this.step = step;
        this.options = options;
        this.annotations = annotations;
        this.cancel = cancel;
        this.deadlineNanos = System.nanoTime() + options.timeout().toNanos();
        this.samplesPerStep = new long[step > 0 ? Math.toIntExact((end - start) / step + 1) : 1];
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

    /**
     * Closes top-level step {@code index} of a step-by-step evaluation: the samples processed since the previous step
     * are booked to it.
     */
    void endStep(int index) {
        samplesPerStep[index] += samplesProcessed - samplesAtStepStart;
        samplesAtStepStart = samplesProcessed;
    }

    /** Per top-level step, the samples processed while evaluating it. */
    long[] samplesPerStep() {
        return samplesPerStep;
    }

    /**
     * Counts {@code n} samples as processed at top-level step {@code step} by an evaluation over the whole range (the
     * query's statistics), without holding them.
     */
    void processedAt(int step, long n) {
        samplesPerStep[step] += n;
        samplesProcessed += n;
        samplesAtStepStart += n;
    }

    /**
     * Accounts {@code n} more samples held in memory until {@link #release}d (or, for the finished result, until it is
     * returned); fails when over the limit. Holding does not count them as processed.
     */
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

    /** Samples processed and held by one step of a step-by-step evaluation; fails when over the limit. */
    void addSamples(long n) {
        samplesProcessed += n;
        hold(n);
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
