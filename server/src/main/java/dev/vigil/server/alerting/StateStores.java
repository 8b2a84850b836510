package dev.vigil.server.alerting;

import dev.vigil.alerting.notify.InMemoryStateStore;
import dev.vigil.alerting.notify.StateStore;
import dev.vigil.model.log.Log;
import dev.vigil.model.storage.Storage;
import dev.vigil.server.ServerOptions;

/**
 * Where the notifier keeps its silences and notification log. This is the one place that decides; the server calls
 * {@link #open} once, after storage has opened, and closes the result (if {@link AutoCloseable}) before storage
 * closes.
 *
 * <p>For now the state is kept in memory: silences and the notification log do not survive a restart. Once storage
 * offers a durable key-value facility (the RocksDB-backed one being added to {@code Tsdb}), an adapter to
 * {@link StateStore} over it is returned here instead.
 */
public final class StateStores {
    private static final Log log = Log.get(StateStores.class);

    private StateStores() {}

    /** The state store for a server running on {@code storage}. */
    public static StateStore open(Storage storage, ServerOptions options) {
        log.warn("Silences and the notification log are kept in memory and do not survive a restart");
        return new InMemoryStateStore();
    }
}
