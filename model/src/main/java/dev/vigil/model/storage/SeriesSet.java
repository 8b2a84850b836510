package dev.vigil.model.storage;

import java.util.List;

/**
 * A forward cursor over series. Usage: {@code while (set.next()) { Series s = set.at(); ... }}. Not thread-safe.
 */
public interface SeriesSet {
    /** Advances to the next series; false when exhausted. */
    boolean next();

    /** The current series; valid after {@link #next()} returned true. */
    Series at();

    /** A set that yields nothing. */
    static SeriesSet empty() {
        return of(List.of());
    }

    /** A set over a list of series, in list order. */
    static SeriesSet of(List<? extends Series> series) {
        return new SeriesSet() {
            private int index = -1;

            @Override
            public boolean next() {
                if (index + 1 >= series.size()) {
                    index = series.size();
                    return false;
                }
                index++;
                return true;
            }

            @Override
            public Series at() {
                if (index < 0 || index >= series.size()) {
                    throw new IllegalStateException("at() called without a successful next()");
                }
                return series.get(index);
            }
        };
    }
}
