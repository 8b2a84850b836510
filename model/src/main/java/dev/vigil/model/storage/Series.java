package dev.vigil.model.storage;

import dev.vigil.model.labels.Labels;

/** One series of a {@link SeriesSet}: its labels and a way to iterate its samples. */
public interface Series {
    Labels labels();

    /** A new iterator positioned before the first sample. */
    SeriesIterator iterator();

    /**
     * An iterator positioned before the first sample, reusing {@code reuse} (an iterator from an earlier call on a
     * series of the same querier) when the implementation can, to save allocation in loops over many series.
     */
    default SeriesIterator iterator(SeriesIterator reuse) {
        return iterator();
    }
}
