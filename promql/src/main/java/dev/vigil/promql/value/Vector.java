package dev.vigil.promql.value;

import dev.vigil.model.labels.Labels;
import java.util.Arrays;

/**
 * An instant vector: series labels with one float each, stored column-wise in primitive arrays.
 *
 * <p>Each element also carries the timestamp of the sample it came from ({@code timestamp()} needs it; elsewhere it is
 * the evaluation time) and a "drop name" flag: Prometheus 3 removes {@code __name__} lazily, at the end of a chain of
 * functions, so an operation that drops the name only marks the element (see {@link #dropName(int)}).
 *
 * <p>Built by appending; not thread-safe while being built, read-only afterwards.
 */
public final class Vector implements Value {
    private Labels[] labels;
    private double[] values;
    private long[] timestamps;
    private boolean[] dropName;
    private int size;

    public Vector() {
        this(8);
    }

    public Vector(int capacity) {
        int c = Math.max(capacity, 1);
        labels = new Labels[c];
        values = new double[c];
        timestamps = new long[c];
        dropName = new boolean[c];
    }

    /** Appends an element. */
    public void add(Labels l, double value, long timestampMs, boolean dropsName) {
        if (size == labels.length) {
            int c = size * 2;
            labels = Arrays.copyOf(labels, c);
            values = Arrays.copyOf(values, c);
            timestamps = Arrays.copyOf(timestamps, c);
            dropName = Arrays.copyOf(dropName, c);
        }
        labels[size] = l;
        values[size] = value;
        timestamps[size] = timestampMs;
        dropName[size] = dropsName;
        size++;
    }

    /** Appends element {@code i} of {@code other}. */
    public void addFrom(Vector other, int i) {
        add(other.labels[i], other.values[i], other.timestamps[i], other.dropName[i]);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Labels labels(int i) {
        return labels[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long timestamp(int i) {
        return timestamps[i];
    }

    /** Whether {@code __name__} is to be removed from element {@code i} when the query's result is produced. */
    public boolean dropName(int i) {
        return dropName[i];
    }

    public void setValue(int i, double v) {
        values[i] = v;
    }

    public void setLabels(int i, Labels l) {
        labels[i] = l;
    }

    public void setDropName(int i, boolean drop) {
        dropName[i] = drop;
    }

    /** Reorders elements by the permutation {@code order} (new position -> old index). */
    public void permute(int[] order) {
        Labels[] l = new Labels[labels.length];
        double[] v = new double[values.length];
        long[] t = new long[timestamps.length];
        boolean[] d = new boolean[dropName.length];
        for (int i = 0; i < size; i++) {
            l[i] = labels[order[i]];
            v[i] = values[order[i]];
            t[i] = timestamps[order[i]];
            d[i] = dropName[order[i]];
        }
        labels = l;
        values = v;
        timestamps = t;
        dropName = d;
    }

    @Override
    public String typeName() {
        return "vector";
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(labels[i]).append(" => ").append(values[i]);
        }
        return out.append('}').toString();
    }
}
