package dev.vigil.ui.support;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An appendable that keeps only counts and the newest timestamp per series, so a test can stream far more samples
 * through an endpoint than the heap could store, while out-of-order samples are still refused.
 */
public final class CountingStorage implements Appendable {
    private final Map<Labels, Long> newest = new HashMap<>();
    private final AtomicLong committed = new AtomicLong();

    public long committedSamples() {
        return committed.get();
    }

    public synchronized int series() {
        return newest.size();
    }

    @Override
    public Appender appender() {
        return new Appender() {
            private long pending;

            @Override
            public long append(long ref, Labels labels, long t, double v) throws AppendException {
                synchronized (CountingStorage.this) {
                    Long last = newest.get(labels);
                    if (last != null && t <= last) {
                        throw new AppendException(AppendException.Kind.OUT_OF_ORDER, labels, t, "newest is " + last);
                    }
                    newest.put(labels, t);
                }
                pending++;
                return 1;
            }

            @Override
            public void commit() {
                committed.addAndGet(pending);
                pending = 0;
            }

            @Override
            public void rollback() {
                pending = 0;
            }
        };
    }
}
