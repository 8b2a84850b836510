package dev.vigil.server;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;

/** Opens the storage the server runs on; production uses the RocksDB TSDB, tests may use memory. */
@FunctionalInterface
public interface StorageFactory {
    /** Opens (and replays) storage; may take long, during which the server reports not ready. */
    Storage open(ServerOptions options) throws Exception;

    /** Opens storage that registers its own metrics in {@code registry}; by default they are not exported. */
    default Storage open(ServerOptions options, MetricRegistry registry) throws Exception {
        return open(options);
    }
}
