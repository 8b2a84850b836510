package dev.vigil.model.labels;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable set of label pairs sorted by name, stored as one {@code String[]} of alternating names and values,
 * with a precomputed 64-bit content hash.
 *
 * <p>Usage: {@code Labels.of("__name__", "up", "job", "node")} or {@link LabelsBuilder}. Pairs with an empty value are
 * dropped on construction, as in Prometheus, because an empty value means "label absent". Duplicate or empty names are
 * rejected. The metric name is the ordinary label {@value #METRIC_NAME}.
 *
 * <p>Ordering ({@link #compareTo}) is Prometheus's: pair by pair, name then value, in code point (UTF-8 byte) order,
 * and a shorter set sorts first when it is a prefix of the longer one. {@link #hash()} is stable across runs.
 *
 * <p>Thread-safe: instances are immutable.
 */
public final class Labels implements Comparable<Labels> {
    /** The label holding the metric name. */
    public static final String METRIC_NAME = "__name__";

    /** The empty label set. */
    public static final Labels EMPTY = new Labels(new String[0]);

    private final String[] pairs;
    private final long hash;

    /** Takes ownership of {@code pairs}, which must already be sorted, unique and free of empty values. */
    private Labels(String[] pairs) {
        this.pairs = pairs;
        this.hash = LabelsHash.hash(pairs, pairs.length);
    }

    /**
     * Builds labels from alternating names and values in any order.
     *
     * @throws IllegalArgumentException on an odd argument count, a null or empty name, a null value or a duplicate name
     */
    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "labels need name/value pairs, got an odd number of strings: " + nameValues.length);
        }
        return fromPairs(nameValues, nameValues.length);
    }

    /** Builds labels from a map; see {@link #of(String...)} for the rules. */
    public static Labels fromMap(Map<String, String> map) {
        String[] pairs = new String[map.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : map.entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        return fromPairs(pairs, pairs.length);
    }

    /** Validates, drops empty values, sorts; copies the first {@code length} strings of {@code source}. */
    static Labels fromPairs(String[] source, int length) {
        String[] pairs = new String[length];
        int n = 0;
        for (int i = 0; i < length; i += 2) {
            String name = source[i];
            String value = source[i + 1];
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(
                        "label name at position " + i / 2 + " is " + (name == null ? "null" : "empty"));
            }
            if (value == null) {
                throw new IllegalArgumentException("label \"" + name + "\" has a null value");
            }
            if (!value.isEmpty()) {
                pairs[n++] = name;
                pairs[n++] = value;
            }
        }
        sortPairs(pairs, n);
        for (int i = 2; i < n; i += 2) {
            if (pairs[i].equals(pairs[i - 2])) {
                throw new IllegalArgumentException("duplicate label name \"" + pairs[i] + "\"");
            }
        }
        return n == 0 ? EMPTY : new Labels(n == length ? pairs : Arrays.copyOf(pairs, n));
    }

    private static void sortPairs(String[] pairs, int n) {
        // Label sets are small and usually already sorted, so insertion sort on pairs beats an index sort.
        for (int i = 2; i < n; i += 2) {
            String name = pairs[i];
            String value = pairs[i + 1];
            int j = i - 2;
            while (j >= 0 && LabelStrings.compare(pairs[j], name) > 0) {
                pairs[j + 2] = pairs[j];
                pairs[j + 3] = pairs[j + 1];
                j -= 2;
            }
            pairs[j + 2] = name;
            pairs[j + 3] = value;
        }
    }

    /** True for label names of the classic form {@code [a-zA-Z_][a-zA-Z0-9_]*}, which expositions write unquoted. */
    public static boolean isLegacyLabelName(String name) {
        return LabelStrings.isLegacyName(name);
    }

    /**
     * Compares strings in Unicode code point order, the order of their UTF-8 bytes, which is how Prometheus sorts
     * label names and values. Use it wherever sorted label names or values leave this module.
     */
    public static int compareStrings(String a, String b) {
        return LabelStrings.compare(a, b);
    }

    /** Number of label pairs. */
    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** Name of the {@code i}-th pair in sorted order. */
    public String name(int i) {
        return pairs[2 * i];
    }

    /** Value of the {@code i}-th pair in sorted order. */
    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of {@code name}, or the empty string when absent (Prometheus treats both alike). */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? "" : pairs[2 * i + 1];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value of {@value #METRIC_NAME}, or the empty string. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    /** Index of the pair named {@code name}, or a negative number. */
    public int indexOf(String name) {
        int lo = 0;
        int hi = pairs.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = LabelStrings.compare(pairs[2 * mid], name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Calls {@code action} with each name and value in sorted order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    /** A sorted, unmodifiable map view copy. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        forEach(map::put);
        return Collections.unmodifiableMap(map);
    }

    /** A builder starting from these labels. */
    public LabelsBuilder toBuilder() {
        return new LabelsBuilder(this);
    }

    /** The 64-bit content hash, stable across runs. */
    public long hash() {
        return hash;
    }

    @Override
    public int hashCode() {
        return (int) (hash ^ (hash >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels)) {
            return false;
        }
        Labels other = (Labels) o;
        return hash == other.hash && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int compareTo(Labels other) {
        String[] a = pairs;
        String[] b = other.pairs;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i += 2) {
            int c = LabelStrings.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
            c = LabelStrings.compare(a[i + 1], b[i + 1]);
            if (c != 0) {
                return c;
            }
        }
        return a.length - b.length;
    }

    /** Prometheus's form: {@code {__name__="up", job="node"}}; names that are not {@code [a-zA-Z_]\w*} are quoted. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(16 * pairs.length);
        out.append('{');
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                out.append(", ");
            }
            if (LabelStrings.isLegacyName(pairs[i])) {
                out.append(pairs[i]);
            } else {
                LabelStrings.appendQuoted(out, pairs[i]);
            }
            out.append('=');
            LabelStrings.appendQuoted(out, pairs[i + 1]);
        }
        return out.append('}').toString();
    }
}
