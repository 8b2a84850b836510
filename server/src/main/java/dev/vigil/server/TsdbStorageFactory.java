package dev.vigil.server;

import dev.vigil.model.storage.Storage;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;

/** Opens the RocksDB-backed TSDB under {@code --storage.tsdb.path} with the retention flags. */
public final class TsdbStorageFactory implements StorageFactory {
    @Override
    public Storage open(ServerOptions options) {
        return Tsdb.open(new TsdbOptions(options.storagePath(), options.retentionTime(), options.retentionBytes()));
    }
}
