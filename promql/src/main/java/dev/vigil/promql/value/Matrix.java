package dev.vigil.promql.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A range vector: series with samples over a time window. As an intermediate value (the argument of {@code rate} and
 * friends) all series share the window {@code (rangeStartMs, rangeEndMs]}; as the result of a range query the window is
 * the query's range.
 */
public final class Matrix implements Value {
    private final List<Series> series;
    private final long rangeStartMs;
    private final long rangeEndMs;

    public Matrix(List<Series> series, long rangeStartMs, long rangeEndMs) {
        this.series = Collections.unmodifiableList(new ArrayList<>(series));
        this.rangeStartMs = rangeStartMs;
        this.rangeEndMs = rangeEndMs;
    }

    public List<Series> series() {
        return series;
    }

    /** Exclusive start of the window the samples were selected from. */
    public long rangeStartMs() {
        return rangeStartMs;
    }

    /** Inclusive end of the window the samples were selected from. */
    public long rangeEndMs() {
        return rangeEndMs;
    }

    /** Total number of samples over all series. */
    public long sampleCount() {
        long n = 0;
        for (Series s : series) {
            n += s.size();
        }
        return n;
    }

    @Override
    public String typeName() {
        return "matrix";
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Series s : series) {
            out.append(s.labels()).append(" =>");
            for (int i = 0; i < s.size(); i++) {
                out.append(' ').append(s.value(i)).append(" @").append(s.timestamp(i));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
