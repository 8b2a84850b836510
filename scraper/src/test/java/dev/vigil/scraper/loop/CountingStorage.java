package dev.vigil.scraper.loop;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes appends through to a storage and counts the commits and rollbacks that reach it. */
final class CountingStorage implements Appendable {
    private final Appendable delegate;
    final AtomicInteger commits = new AtomicInteger();
    final AtomicInteger rollbacks = new AtomicInteger();

    CountingStorage(Appendable delegate) {
        this.delegate = delegate;
    }

    @Override
    public Appender appender() {
        Appender app = delegate.appender();
        return new Appender() {
            @Override
            public long append(long seriesRef, Labels labels, long timestampMs, double value) throws AppendException {
                return app.append(seriesRef, labels, timestampMs, value);
            }

            @Override
            public void commit() {
                commits.incrementAndGet();
                app.commit();
            }

            @Override
            public void rollback() {
                rollbacks.incrementAndGet();
                app.rollback();
            }
        };
    }
}
