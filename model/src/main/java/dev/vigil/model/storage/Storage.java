package dev.vigil.model.storage;

/** A complete store: appendable, queryable and closeable. Thread-safe. */
public interface Storage extends Appendable, Queryable, AutoCloseable {
    /** Flushes and releases resources; never throws a checked exception. */
    @Override
    void close();
}
