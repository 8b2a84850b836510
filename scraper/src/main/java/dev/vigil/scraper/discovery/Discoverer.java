package dev.vigil.scraper.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * One running discovery mechanism (a static list, a set of files, an HTTP endpoint, a Kubernetes role).
 *
 * <p>After {@link #start}, the discoverer calls the listener with the <em>complete</em> current list of its target
 * groups whenever it changes (an empty list when it found nothing); it may call from any of its own threads, never
 * concurrently. {@link #close} stops it: afterwards no call begins. Implementations are thread-safe.
 */
public interface Discoverer extends AutoCloseable {
    /** Starts discovering; must not block for long (network or file I/O belongs on the discoverer's threads). */
    void start(Consumer<List<TargetGroup>> listener);

    /** Stops discovery and releases threads, watches and connections. */
    @Override
    void close();
}
