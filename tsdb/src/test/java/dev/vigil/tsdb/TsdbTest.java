package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbTest {
    private static final Labels SERIES = Labels.of("__name__", "m", "job", "a");
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private static void appendRange(Tsdb tsdb, Labels labels, long from, long to, long step) throws AppendException {
        Appender app = tsdb.appender();
        long ref = 0;
        for (long t = from; t <= to; t += step) {
            ref = app.append(ref, labels, t, t / 1000.0);
        }
        app.commit();
    }

    /** Timestamps of the first series matching, within range. */
    private static List<Long> times(Tsdb tsdb, long minT, long maxT, Matcher... matchers) {
        try (Querier q = tsdb.querier(minT, maxT)) {
            List<Long> out = new ArrayList<>();
            SeriesSet set = q.select(true, matchers);
            if (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    assertThat(it.value()).isEqualTo(it.timestamp() / 1000.0);
                    out.add(it.timestamp());
                }
            }
            return out;
        }
    }

    private static List<Long> expected(long from, long to, long step) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= to; t += step) {
            out.add(t);
        }
        return out;
    }

    @Test
    void readsAcrossCutChunksBlocksAndReopen() throws Exception {
        // 15 s for 5 h: 1200 samples, cut every 120 samples and at 2 h block boundaries.
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            appendRange(tsdb, SERIES, 0, 5 * HOUR, 15_000);
            assertThat(times(tsdb, 0, 5 * HOUR)).isEqualTo(expected(0, 5 * HOUR, 15_000));
            assertThat(times(tsdb, HOUR + 1, 3 * HOUR)).isEqualTo(expected(HOUR + 15_000, 3 * HOUR, 15_000));
            assertThat(tsdb.openStoreResources()).isZero();
        }
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            assertThat(tsdb.seriesCount()).isEqualTo(1);
            assertThat(times(tsdb, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(expected(0, 5 * HOUR, 15_000));
            appendRange(tsdb, SERIES, 5 * HOUR + 15_000, 6 * HOUR, 15_000);
            assertThat(times(tsdb, 4 * HOUR, Long.MAX_VALUE)).isEqualTo(expected(4 * HOUR, 6 * HOUR, 15_000));
        }
    }

    @Test
    void seekAcrossChunks() throws Exception {
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            appendRange(tsdb, SERIES, 0, 3 * HOUR, 15_000);
            try (Querier q = tsdb.querier(0, 3 * HOUR)) {
                SeriesSet set = q.select(false);
                assertThat(set.next()).isTrue();
                SeriesIterator it = set.at().iterator();
                assertThat(it.seek(2 * HOUR + 1)).isTrue();
                assertThat(it.timestamp()).isEqualTo(2 * HOUR + 15_000);
                assertThat(it.seek(0)).isTrue();
                assertThat(it.timestamp()).isEqualTo(2 * HOUR + 15_000);
                assertThat(it.seek(3 * HOUR)).isTrue();
                assertThat(it.next()).isFalse();
                assertThat(it.seek(3 * HOUR)).isFalse();
            }
        }
    }

    @Test
    void reopenKeepsOrderChecksAndLastValue() throws Exception {
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            appendRange(tsdb, SERIES, 0, 60_000, 15_000);
        }
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            Appender app = tsdb.appender();
            assertThat(app.append(0, SERIES, 60_000, 60.0)).isNotZero(); // same value: no-op
            assertThatThrownBy(() -> app.append(0, SERIES, 60_000, 1.0))
                    .isInstanceOfSatisfying(AppendException.class, e -> assertThat(e.kind())
                            .isEqualTo(AppendException.Kind.DUPLICATE_TIMESTAMP));
            assertThatThrownBy(() -> app.append(0, SERIES, 30_000, 1.0))
                    .isInstanceOfSatisfying(AppendException.class, e -> assertThat(e.kind())
                            .isEqualTo(AppendException.Kind.OUT_OF_ORDER));
            app.rollback();
        }
    }

    @Test
    void refsSurviveReopen() throws Exception {
        long ref;
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            Appender app = tsdb.appender();
            ref = app.append(0, SERIES, 1000, 1);
            app.commit();
        }
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            Appender app = tsdb.appender();
            assertThat(app.append(0, SERIES, 2000, 2)).isEqualTo(ref);
            assertThat(app.append(ref, null, 3000, 3)).isEqualTo(ref);
            app.commit();
        }
    }

    @Test
    void querierIsolatedFromLaterCutsAndCheckpoints() throws Exception {
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            appendRange(tsdb, SERIES, 0, 100 * 15_000L, 15_000); // 101 samples, one open chunk
            try (Querier old = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                appendRange(tsdb, SERIES, 101 * 15_000L, 400 * 15_000L, 15_000); // cuts chunks
                tsdb.checkpoint(); // persists and cuts the open chunk
                appendRange(tsdb, Labels.of("__name__", "new"), 0, 15_000, 15_000);
                SeriesSet set = old.select(true);
                assertThat(set.next()).isTrue();
                assertThat(set.at().labels()).isEqualTo(SERIES);
                SeriesIterator it = set.at().iterator();
                int n = 0;
                while (it.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(101);
                assertThat(set.next()).as("series created later are invisible").isFalse();
            }
            assertThat(times(tsdb, Long.MIN_VALUE, Long.MAX_VALUE, Matcher.equal("__name__", "m")))
                    .isEqualTo(expected(0, 400 * 15_000L, 15_000));
            assertThat(tsdb.openStoreResources()).isZero();
        }
    }

    @Test
    void retentionByTimeDeletesOldBlocksAndRejectsOldSamples() throws Exception {
        try (Tsdb tsdb = Tsdb.open(new TsdbOptions(dir, Duration.ofHours(3), 0))) {
            appendRange(tsdb, SERIES, 0, 10 * HOUR, 60_000);
            tsdb.checkpoint();
            tsdb.applyRetention();
            // cutoff = 7 h; whole blocks before block 3 (6 h) are gone
            List<Long> left = times(tsdb, Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(left.get(0)).isEqualTo(6 * HOUR);
            assertThat(left.get(left.size() - 1)).isEqualTo(10 * HOUR);

            Appender app = tsdb.appender();
            assertThatThrownBy(() -> app.append(0, Labels.of("__name__", "other"), 6 * HOUR, 1))
                    .isInstanceOfSatisfying(AppendException.class, e -> assertThat(e.kind())
                            .isEqualTo(AppendException.Kind.OUT_OF_BOUNDS));
            app.append(0, Labels.of("__name__", "other"), 8 * HOUR, 1);
            app.commit();
        }
    }

    @Test
    void retentionBySizeDropsOldestBlocks() throws Exception {
        try (Tsdb tsdb = Tsdb.open(new TsdbOptions(dir, Duration.ZERO, 1))) {
            for (int s = 0; s < 20; s++) {
                appendRange(tsdb, Labels.of("__name__", "m", "s", Integer.toString(s)), 0, 7 * HOUR, 15_000);
            }
            tsdb.checkpoint();
            tsdb.applyRetention();
            // every block but the newest (6 h..8 h) is deleted to get under 1 byte
            List<Long> left = times(tsdb, Long.MIN_VALUE, Long.MAX_VALUE, Matcher.equal("s", "3"));
            assertThat(left.get(0)).isEqualTo(6 * HOUR);
        }
    }

    @Test
    void spentAndClosedStatesFailClearly() throws Exception {
        Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir));
        tsdb.close();
        assertThatThrownBy(tsdb::appender).hasMessageContaining("closed");
        assertThatThrownBy(() -> Tsdb.open(TsdbOptions.of(dir.resolve("x\0y")))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new TsdbOptions(dir, Duration.ofSeconds(-1), 0))
                .hasMessageContaining("negative");
    }
}
