package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;

/**
 * One series of an instant-vector expression evaluated over all steps of a range query at once: its value at each
 * step where the expression has an element for it. Values live in one primitive array indexed by step, presence in a
 * bitset, so a whole range costs one object per series, not per sample. A streaming producer may {@link #reset} and
 * refill one instance for series after series. One thread.
 */
final class StepSeries {
    Labels labels;
    /** Whether {@code __name__} (with {@code __type__} and {@code __unit__}) goes when the result is produced. */
    boolean dropName;

    private final double[] values;
    private final long[] present;
    private int count;

    StepSeries(Labels labels, boolean dropName, int steps) {
        this.labels = labels;
        this.dropName = dropName;
        this.values = new double[steps];
        this.present = new long[(steps + 63) >>> 6];
    }

    /** Empties this series for reuse under other labels. */
    StepSeries reset(Labels newLabels, boolean newDropName) {
        labels = newLabels;
        dropName = newDropName;
        if (count > 0) {
            java.util.Arrays.fill(present, 0);
            count = 0;
        }
        return this;
    }

    /** A copy that stays valid when this instance is reused. */
    StepSeries copy() {
        return copy(labels, dropName);
    }

    /** A copy under other labels. */
    StepSeries copy(Labels newLabels, boolean newDropName) {
        StepSeries c = new StepSeries(newLabels, newDropName, values.length);
        System.arraycopy(values, 0, c.values, 0, values.length);
        System.arraycopy(present, 0, c.present, 0, present.length);
        c.count = count;
        return c;
    }

    /** The presence bits, 64 steps per word; read-only, for loops over many series. */
    long[] presentWords() {
        return present;
    }

    boolean has(int step) {
        return (present[step >>> 6] & (1L << step)) != 0;
    }

    /** The value at {@code step}; only meaningful where {@link #has} is true. */
    double value(int step) {
        return values[step];
    }

    /** Sets the value at {@code step}, which must not have one yet. */
    void set(int step, double v) {
        present[step >>> 6] |= 1L << step;
        values[step] = v;
        count++;
    }

    /** Number of steps with a value. */
    int count() {
        return count;
    }

    int steps() {
        return values.length;
    }

    /** The first step with a value at or after {@code from}, or -1. */
    int nextStep(int from) {
        int word = from >>> 6;
        if (word >= present.length) {
            return -1;
        }
        long bits = present[word] & (-1L << from);
        while (true) {
            if (bits != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(bits);
            }
            if (++word == present.length) {
                return -1;
            }
            bits = present[word];
        }
    }
}
