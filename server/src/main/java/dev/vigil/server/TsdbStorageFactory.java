package dev.vigil.server;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;

/**
 * Opens the RocksDB-backed TSDB under {@code --storage.tsdb.path} with the retention flags; its {@code vigil_tsdb_*}
 * metrics go to the server's registry. The TSDB applies retention itself, in the background.
 */
public final class TsdbStorageFactory implements StorageFactory {
    @Override
    public Storage open(ServerOptions options) {
        return open(options, new MetricRegistry());
    }

    @Override
    public Storage open(ServerOptions options, MetricRegistry registry) {
        return Tsdb.open(
                new TsdbOptions(options.storagePath(), options.retentionTime(), options.retentionBytes()), registry);
    }
}
