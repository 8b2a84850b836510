package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    private static final Labels UP = Labels.of("__name__", "up");

    @TempDir
    Path dir;

    @Test
    void snapshotsOpenAsDatabasesWithOrWithoutTheHead() throws Exception {
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO);
        Path full;
        Path persistedOnly;
        try (Tsdb tsdb = Tsdb.open(options)) {
            Appender app = tsdb.appender();
            for (long t = 0; t < 130 * 15_000L; t += 15_000) {
                app.append(0, UP, t, 1); // one full chunk (120 samples) and 10 samples in the open chunk
            }
            app.commit();
            tsdb.runMaintenance(); // persists the full chunk
            tsdb.keyValueStore().put(new byte[] {1}, new byte[] {2});

            full = tsdb.snapshot(false);
            persistedOnly = tsdb.snapshot(true);
            assertThat(full.getParent()).isEqualTo(dir.resolve("snapshots"));
            assertThat(full.getFileName().toString()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}");
            assertThat(persistedOnly).isNotEqualTo(full);

            // The database keeps working, and a snapshot is independent of later writes.
            Appender more = tsdb.appender();
            more.append(0, UP, 130 * 15_000L, 1);
            more.commit();
            assertThat(Samples.times(tsdb)).hasSize(131);
        }
        try (Tsdb snapshot = Tsdb.open(TsdbOptions.of(full).withMaintenanceInterval(Duration.ZERO))) {
            assertThat(Samples.times(snapshot)).hasSize(130);
            assertThat(snapshot.keyValueStore().get(new byte[] {1})).isPresent();
        }
        try (Tsdb snapshot = Tsdb.open(TsdbOptions.of(persistedOnly).withMaintenanceInterval(Duration.ZERO))) {
            assertThat(Samples.times(snapshot)).as("only the persisted chunk").hasSize(120);
        }
        // The data directory still opens with the snapshots inside it.
        try (Tsdb tsdb = Tsdb.open(options)) {
            assertThat(Samples.times(tsdb)).hasSize(131);
            assertThat(Files.list(dir.resolve("snapshots")).count()).isEqualTo(2);
        }
    }
}
