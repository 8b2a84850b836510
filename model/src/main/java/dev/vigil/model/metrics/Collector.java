package dev.vigil.model.metrics;

/**
 * A source of samples read at collection time, for figures that live elsewhere (JVM beans, the
 * process's {@code /proc} entries, storage statistics). Must be thread-safe: collections may run
 * concurrently.
 */
@FunctionalInterface
public interface Collector {
    void collect(SampleWriter writer);
}
