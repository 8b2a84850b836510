package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.model.storage.Storage;
import dev.vigil.model.storage.StorageException;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest extends StorageContract {
    @Override
    protected Storage newStorage() {
        return new InMemoryStorage();
    }

    @Test
    void rejectsSamplesBeforeMinValidTime() throws Exception {
        try (InMemoryStorage bounded = new InMemoryStorage(10_000)) {
            Appender app = bounded.appender();
            AppendException e = catchAppend(() -> app.append(0, Labels.of("a", "b"), 9_999, 1));
            assertThat(e.kind()).isEqualTo(AppendException.Kind.OUT_OF_BOUNDS);
            app.append(0, Labels.of("a", "b"), 10_000, 1);
            app.commit();
        }
    }

    @Test
    void unknownRefFallsBackToLabels() throws Exception {
        Appender app = storage.appender();
        long ref = app.append(12345, Labels.of("a", "b"), 1000, 1);
        assertThat(ref).isNotEqualTo(12345);
        assertThat(app.append(ref, null, 2000, 2)).isEqualTo(ref);
        app.commit();
        assertThat(dumpAll(0, 5000)).containsExactly("{a=\"b\"} 1000=1.0 2000=2.0");
    }

    @Test
    void closedStorageAndQuerierFailClearly() {
        Querier q = storage.querier(0, 1);
        q.close();
        assertThatThrownBy(() -> q.select(false)).hasMessageContaining("querier is closed");
        storage.close();
        assertThatThrownBy(() -> storage.appender())
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void iteratorWithinSnapshotIgnoresLaterGrowth() throws Exception {
        Appender app = storage.appender();
        for (int i = 0; i < 8; i++) {
            app.append(0, Labels.of("a", "b"), i, i);
        }
        app.commit();
        try (Querier q = storage.querier(0, 1000)) {
            Appender more = storage.appender();
            for (int i = 8; i < 100; i++) {
                more.append(0, Labels.of("a", "b"), i, i);
            }
            more.commit();
            SeriesSet set = q.select(false);
            assertThat(set.next()).isTrue();
            SeriesIterator it = set.at().iterator();
            int n = 0;
            while (it.next()) {
                n++;
            }
            assertThat(n).isEqualTo(8);
        }
    }
}
