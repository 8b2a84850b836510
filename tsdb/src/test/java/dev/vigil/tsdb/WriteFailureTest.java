package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.rocks.WriteFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (injected: RocksDB refuses writes until it is reopened, as it does after a failed log append) fails
 * commits with a {@link StorageException} without crashing or losing what was committed, and writes continue once
 * there is space again.
 */
class WriteFailureTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "a");

    @TempDir
    Path dir;

    private static void append(Tsdb tsdb, long t) throws Exception {
        Appender app = tsdb.appender();
        app.append(0, UP, t, t);
        app.commit();
    }

    @Test
    void commitsFailWhileTheDiskIsFullAndContinueAfterwards() throws Exception {
        WriteFaults faults = new WriteFaults();
        MetricRegistry registry = new MetricRegistry();
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO);
        try (Tsdb tsdb = Tsdb.open(options, registry, faults)) {
            for (long t = 0; t < 300 * 15_000L; t += 15_000) {
                append(tsdb, t); // 300 samples: cut chunks waiting to be persisted
            }
            faults.failWrites("No space left on device");
            assertThatThrownBy(() -> append(tsdb, 300 * 15_000L))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> append(tsdb, 301 * 15_000L))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("refuses writes");
            tsdb.runMaintenance(); // cannot persist or reopen while the disk is full; must not throw
            assertThat(Samples.times(tsdb)).hasSize(300).last().isEqualTo(299 * 15_000L);
            assertThat(TextExposition.write(registry))
                    .contains("vigil_tsdb_storage_writable 0")
                    .contains("vigil_tsdb_commit_failures_total 2");

            faults.stopFailing();
            tsdb.runMaintenance(); // reopens the store, then persists the cut chunks
            assertThat(TextExposition.write(registry)).contains("vigil_tsdb_storage_writable 1");
            append(tsdb, 300 * 15_000L); // the failed sample can be written again: nothing of it was applied
            append(tsdb, 301 * 15_000L);
            assertThat(Samples.times(tsdb)).hasSize(302);
        }
        try (Tsdb tsdb = Tsdb.open(options)) {
            List<Long> times = Samples.times(tsdb);
            assertThat(times).hasSize(302);
            for (int i = 0; i < times.size(); i++) {
                assertThat(times.get(i)).isEqualTo(i * 15_000L);
            }
        }
    }

    @Test
    void backgroundMaintenanceReopensTheStoreOnceSpaceReturns() throws Exception {
        WriteFaults faults = new WriteFaults();
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(Duration.ofMillis(20));
        try (Tsdb tsdb = Tsdb.open(options, new MetricRegistry(), faults)) {
            append(tsdb, 1000);
            faults.failWrites("No space left on device");
            assertThatThrownBy(() -> append(tsdb, 2000)).isInstanceOf(StorageException.class);
            faults.stopFailing();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try {
                    append(tsdb, 2000);
                    break;
                } catch (StorageException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("writes did not continue after space returned", e);
                    }
                    Thread.sleep(20);
                }
            }
            assertThat(Samples.times(tsdb)).containsExactly(1000L, 2000L);
        }
    }

    @Test
    void failingKeyValueWritesApplyNothing() throws Exception {
        WriteFaults faults = new WriteFaults();
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO);
        try (Tsdb tsdb = Tsdb.open(options, new MetricRegistry(), faults)) {
            KeyValueStore kv = tsdb.keyValueStore();
            kv.put(new byte[] {1}, new byte[] {1});
            faults.failWrites("Input/output error");
            assertThatThrownBy(() -> kv.write(new KeyValueStore.Batch().put(new byte[] {2}, new byte[] {2})))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(kv.get(new byte[] {1})).contains(new byte[] {1});
            assertThat(kv.get(new byte[] {2})).isEmpty();
            faults.stopFailing();
            tsdb.runMaintenance();
            kv.put(new byte[] {2}, new byte[] {2});
            assertThat(kv.get(new byte[] {2})).contains(new byte[] {2});
        }
    }
}
