package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.model.storage.SeriesSlot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppenderTest {
    private static final Labels UP = Labels.of("__name__", "up", "job", "a");

    @TempDir
    Path dir;

    private Tsdb open() {
        return Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
    }

    private static List<Long> times(Tsdb tsdb, Labels labels) {
        List<Long> out = new ArrayList<>();
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false);
            while (set.next()) {
                if (set.at().labels().equals(labels)) {
                    var it = set.at().iterator();
                    while (it.next()) {
                        out.add(it.timestamp());
                    }
                }
            }
        }
        return out;
    }

    private static AppendException.Kind kindOf(ThrowingAppend append) {
        try {
            append.run();
        } catch (AppendException e) {
            return e.kind();
        }
        return null;
    }

    @FunctionalInterface
    private interface ThrowingAppend {
        void run() throws AppendException;
    }

    @Test
    void racingAppenderIsRejectedAtAppendNotDroppedAtCommit() throws Exception {
        try (Tsdb tsdb = open()) {
            Appender first = tsdb.appender();
            Appender second = tsdb.appender();
            first.append(0, UP, 2000, 1);
            // The second appender's sample is older than the first's pending one; had both been accepted, the
            // later commit would have had to drop it silently.
            assertThat(kindOf(() -> second.append(0, UP, 1000, 1))).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
            assertThat(kindOf(() -> second.append(0, UP, 3000, 1))).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
            second.append(0, Labels.of("__name__", "other"), 1000, 1); // other series are unaffected
            second.commit();
            first.commit();
            assertThat(times(tsdb, UP)).containsExactly(2000L);
            // Once the owner committed, the series is free again.
            Appender third = tsdb.appender();
            third.append(0, UP, 3000, 1);
            third.commit();
            assertThat(times(tsdb, UP)).containsExactly(2000L, 3000L);
        }
    }

    @Test
    void slotKeepsTheSeriesAcrossBatchesAndHonoursOwnershipAndOrder() throws Exception {
        try (Tsdb tsdb = open()) {
            SeriesSlot slot = new SeriesSlot();
            Appender app = tsdb.appender();
            app.append(slot, UP, 1000, 1);
            app.commit();
            long ref = slot.ref;
            assertThat(ref).isPositive();
            assertThat(slot.handle).isNotNull();

            Appender next = tsdb.appender();
            // A prefetch hint takes any slots: known series, empty slots, gaps.
            next.prefetch(new SeriesSlot[] {slot, new SeriesSlot(), null}, 0, 3);
            next.append(slot, UP, 2000, 2);
            assertThat(kindOf(() -> next.append(slot, UP, 1500, 3))).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
            // While this appender holds the series, another one's slot for it is turned away like a plain ref.
            SeriesSlot other = new SeriesSlot();
            Appender racing = tsdb.appender();
            racing.append(0, Labels.of("__name__", "other"), 2000, 1);
            other.ref = ref;
            other.handle = slot.handle;
            assertThat(kindOf(() -> racing.append(other, UP, 3000, 1))).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
            racing.commit();
            next.commit();
            assertThat(slot.ref).isEqualTo(ref);
            // Equal labels in another object still name the same series, through the ref.
            Appender equal = tsdb.appender();
            equal.append(slot, Labels.of("__name__", "up", "job", "a"), 3000, 3);
            equal.commit();
            assertThat(slot.ref).isEqualTo(ref);
            assertThat(times(tsdb, UP)).containsExactly(1000L, 2000L, 3000L);
        }
    }

    @Test
    void rollbackAndFailedCommitReleaseTheSeries() throws Exception {
        try (Tsdb tsdb = open()) {
            Appender rolledBack = tsdb.appender();
            rolledBack.append(0, UP, 5000, 1);
            rolledBack.rollback();
            Appender next = tsdb.appender();
            next.append(0, UP, 1000, 1); // older than the rolled-back sample: fine, it was never committed
            next.commit();
            assertThat(times(tsdb, UP)).containsExactly(1000L);
        }
    }

    @Test
    void abandonedAppenderReleasesItsSeriesWhenCollected() throws Exception {
        try (Tsdb tsdb = open()) {
            abandon(tsdb);
            long deadline = System.nanoTime() + 30_000_000_000L;
            AppendException.Kind kind;
            Appender app = tsdb.appender();
            do {
                System.gc();
                kind = kindOf(() -> app.append(0, UP, 2000, 2));
                if (kind != null) {
                    Thread.sleep(10);
                }
            } while (kind != null && System.nanoTime() < deadline);
            assertThat(kind).as("series still owned by the abandoned appender").isNull();
            app.commit();
            assertThat(times(tsdb, UP)).containsExactly(2000L);
        }
    }

    private static void abandon(Tsdb tsdb) throws AppendException {
        Appender forgotten = tsdb.appender();
        forgotten.append(0, UP, 1000, 1);
    }

    @Test
    void labelsAreValidatedEmptyValuesDroppedDuplicatesRejected() throws Exception {
        try (Tsdb tsdb = open()) {
            Appender app = tsdb.appender();
            long ref = app.append(0, Labels.of("__name__", "up", "job", "a", "empty", ""), 1000, 1);
            assertThat(app.append(0, UP, 2000, 2))
                    .as("an empty value is an absent label")
                    .isEqualTo(ref);
            assertThat(kindOf(() -> app.append(0, Labels.of("__name__", "up", "bad\uD800name", "x"), 1000, 1)))
                    .isEqualTo(AppendException.Kind.INVALID_LABELS);
            assertThat(kindOf(() -> app.append(0, Labels.of("__name__", "up", "job", "lone \uDC00"), 1000, 1)))
                    .isEqualTo(AppendException.Kind.INVALID_LABELS);
            assertThat(kindOf(() -> app.append(0, Labels.EMPTY, 1000, 1)))
                    .isEqualTo(AppendException.Kind.INVALID_LABELS);
            assertThatThrownBy(() -> Labels.of("job", "a", "job", "b")).hasMessageContaining("duplicate label name");
            app.commit();
            assertThat(times(tsdb, UP)).containsExactly(1000L, 2000L);
            try (Querier q = tsdb.querier(0, 5000)) {
                assertThat(q.labelNames()).containsExactly("__name__", "job");
            }
        }
    }
}
