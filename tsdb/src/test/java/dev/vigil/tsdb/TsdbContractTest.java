package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.storage.Storage;
import dev.vigil.testkit.StorageContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB TSDB passes the same storage contract as the in-memory storage. */
class TsdbContractTest extends StorageContract {
    @TempDir
    Path dir;

    @Override
    protected Storage newStorage() {
        return Tsdb.open(TsdbOptions.of(dir));
    }

    @AfterEach
    void noLeakedStoreResources() {
        assertThat(((Tsdb) storage).openStoreResources()).isZero();
    }
}
