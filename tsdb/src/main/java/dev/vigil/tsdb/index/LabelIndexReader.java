package dev.vigil.tsdb.index;

import dev.vigil.model.labels.Labels;
import java.util.List;
import java.util.function.Predicate;

/**
 * Read access to an inverted index (label pair → ascending series ids), implemented in memory for the head and on disk
 * for everything persisted. {@link PostingsSelection} evaluates matchers over it. Series ids are positive. An
 * implementation is used by one thread at a time.
 */
public interface LabelIndexReader {
    /** Every indexed series id, ascending. */
    long[] allIds();

    /** Ids of the series with {@code name="value"}, ascending. */
    long[] ids(String name, String value);

    /**
     * The union of {@link #ids} over the values of {@code name} that start with {@code prefix} (the empty string for
     * all values) and satisfy {@code accept}, ascending.
     */
    long[] idsWhere(String name, String prefix, Predicate<String> accept);

    /**
     * Visits the values of {@code name} in code point order with a cursor over their series ids; stops when the
     * visitor returns false.
     */
    void forEachValue(String name, ValueVisitor visitor);

    /** Distinct label names in code point order. */
    List<String> names();

    /** The labels of series {@code id}, or null when the index does not know it. */
    Labels labels(long id);

    /** Receives one label value and its series. */
    @FunctionalInterface
    interface ValueVisitor {
        /** Returns false to stop visiting. The cursor is valid only during the call. */
        boolean visit(String value, IdCursor ids);
    }

    /** Ascending series ids, read lazily. */
    interface IdCursor {
        /** The next id, or 0 when there are no more. */
        long next();
    }
}
