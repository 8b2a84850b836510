package dev.vigil.model.labels;

import java.util.Arrays;

/**
 * Mutable builder for {@link Labels}: start from a base set, {@link #set}, {@link #del} or {@link #keep} labels, then
 * {@link #labels()}. A builder may be reused with {@link #reset(Labels)} to avoid reallocating its buffer.
 *
 * <p>Setting an empty value deletes the label, as in Prometheus. Not thread-safe.
 */
public final class LabelsBuilder {
    private String[] pairs = new String[16];
    private int length;

    public LabelsBuilder() {}

    public LabelsBuilder(Labels base) {
        reset(base);
    }

    /** Clears the builder. */
    public LabelsBuilder reset() {
        Arrays.fill(pairs, 0, length, null);
        length = 0;
        return this;
    }

    /** Replaces the content with {@code base}. */
    public LabelsBuilder reset(Labels base) {
        reset();
        ensureCapacity(base.size() * 2);
        for (int i = 0; i < base.size(); i++) {
            pairs[length++] = base.name(i);
            pairs[length++] = base.value(i);
        }
        return this;
    }

    /** Sets {@code name} to {@code value}; an empty value removes the label. */
    public LabelsBuilder set(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("label name is " + (name == null ? "null" : "empty"));
        }
        if (value == null || value.isEmpty()) {
            return del(name);
        }
        int i = find(name);
        if (i >= 0) {
            pairs[i + 1] = value;
        } else {
            ensureCapacity(length + 2);
            pairs[length++] = name;
            pairs[length++] = value;
        }
        return this;
    }

    /** Removes the named labels; absent names are ignored. */
    public LabelsBuilder del(String... names) {
        for (String name : names) {
            int i = find(name);
            if (i >= 0) {
                removeAt(i);
            }
        }
        return this;
    }

    /** Removes every label whose name is not in {@code names}. */
    public LabelsBuilder keep(String... names) {
        for (int i = length - 2; i >= 0; i -= 2) {
            if (!contains(names, pairs[i])) {
                removeAt(i);
            }
        }
        return this;
    }

    /** Current value of {@code name}, or the empty string. */
    public String get(String name) {
        int i = find(name);
        return i < 0 ? "" : pairs[i + 1];
    }

    /** Number of labels currently held. */
    public int size() {
        return length / 2;
    }

    /** Name of the {@code i}-th label, in insertion order (not sorted); {@code 0 <= i < size()}. */
    public String nameAt(int i) {
        return pairs[checkIndex(i)];
    }

    /** Value of the {@code i}-th label, in insertion order (not sorted); {@code 0 <= i < size()}. */
    public String valueAt(int i) {
        return pairs[checkIndex(i) + 1];
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= length / 2) {
            throw new IndexOutOfBoundsException("label index " + i + " out of range [0, " + length / 2 + ")");
        }
        return 2 * i;
    }

    /** Builds the sorted, immutable label set; the builder stays usable. */
    public Labels labels() {
        return Labels.fromPairs(pairs, length);
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private int find(String name) {
        for (int i = 0; i < length; i += 2) {
            if (pairs[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        System.arraycopy(pairs, i + 2, pairs, i, length - i - 2);
        pairs[--length] = null;
        pairs[--length] = null;
    }

    private void ensureCapacity(int needed) {
        if (needed > pairs.length) {
            pairs = Arrays.copyOf(pairs, Math.max(needed, pairs.length * 2));
        }
    }
}
