package dev.vigil.model.storage;

/** Something samples can be written to. Thread-safe: each thread (e.g. each scrape loop) takes its own appender. */
public interface Appendable {
    /** A new appender holding an empty batch. */
    Appender appender();
}
