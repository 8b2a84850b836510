package dev.vigil.server.alerting;

import dev.vigil.alerting.notify.InMemoryStateStore;
import dev.vigil.alerting.notify.StateStore;
import dev.vigil.model.log.Log;
import dev.vigil.model.storage.Storage;
import dev.vigil.server.ServerOptions;
import dev.vigil.tsdb.Tsdb;

/**
 * Where the notifier keeps its silences and notification log. This is the one place that decides; the server calls
 * {@link #open} once, after storage has opened, and closes the result (if {@link AutoCloseable}) before storage
 * closes.
 *
 * <p>On the TSDB the state lives in its key-value column family and survives restarts (and crashes, like committed
 * samples). Other storage (tests' in-memory storage) keeps it in memory.
 */
public final class StateStores {
    private static final Log log = Log.get(StateStores.class);

    private StateStores() {}

    /** The state store for a server running on {@code storage}. */
    public static StateStore open(Storage storage, ServerOptions options) {
        if (storage instanceof Tsdb tsdb) {
            return new TsdbStateStore(tsdb.keyValueStore());
        }
        log.warn("Silences and the notification log are kept in memory and do not survive a restart");
        return new InMemoryStateStore();
    }
}
