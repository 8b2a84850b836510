package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.rocks.RocksStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backfill writes history older than what the head holds straight into persisted chunks. */
class BackfillTest {
    private static final long HOUR = 3_600_000L;
    private static final Labels A = Labels.of("__name__", "m", "s", "a");
    private static final Labels B = Labels.of("__name__", "m", "s", "b");

    @TempDir
    Path dir;

    private final MetricRegistry registry = new MetricRegistry();

    private Tsdb open() {
        return Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO), registry);
    }

    private static List<String> samples(Tsdb tsdb, Labels labels) {
        List<String> out = new ArrayList<>();
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false, Matcher.equal("s", labels.get("s")));
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    out.add(it.timestamp() + "=" + it.value());
                }
            }
        }
        return out;
    }

    private static int count(Tsdb tsdb, Labels labels) {
        return samples(tsdb, labels).size();
    }

    private static AppendException.Kind kindOf(Appender app, Labels labels, long t, double v) {
        try {
            app.append(0, labels, t, v);
            return null;
        } catch (AppendException e) {
            return e.kind();
        }
    }

    @Test
    void historyGoesStraightToPersistedChunks() throws Exception {
        try (Tsdb tsdb = open()) {
            Appender app = tsdb.backfill().appender();
            for (long t = 0; t <= 3 * HOUR; t += 60_000) {
                app.append(0, A, t, t); // the series interleave, each ascending
                app.append(0, B, t, -t);
            }
            app.commit();
            String text = TextExposition.write(registry);
            assertThat(text).contains("vigil_tsdb_wal_size_bytes 0").contains("vigil_tsdb_backfill_samples_total 362");
            assertThat(count(tsdb, A)).isEqualTo(181);
            assertThat(samples(tsdb, B).get(180)).isEqualTo(3 * HOUR + "=" + (double) -3 * HOUR);
        }
        try (Tsdb tsdb = open()) {
            assertThat(count(tsdb, A)).isEqualTo(181);
            assertThat(tsdb.seriesCount())
                    .as("nothing of the backfill needs memory after a restart")
                    .isZero();
            // New samples continue after the backfilled ones.
            Appender app = tsdb.appender();
            assertThat(kindOf(app, A, 3 * HOUR, 1)).isEqualTo(AppendException.Kind.DUPLICATE_TIMESTAMP);
            app.append(0, A, 3 * HOUR + 60_000, 1);
            app.commit();
            assertThat(count(tsdb, A)).isEqualTo(182);
        }
    }

    @Test
    void olderThanTheHeadMergesNewerAppendsOverlappingIsRejected() throws Exception {
        try (Tsdb tsdb = open()) {
            Appender live = tsdb.appender();
            for (long t = 10 * HOUR; t <= 11 * HOUR; t += 60_000) {
                live.append(0, A, t, t);
            }
            live.commit();

            Appender app = tsdb.backfill().appender();
            for (long t = 0; t <= 5 * HOUR; t += 60_000) {
                app.append(0, A, t, t);
            }
            assertThat(kindOf(app, A, 10 * HOUR + 30 * 60_000, 1))
                    .as("inside what the head holds")
                    .isEqualTo(AppendException.Kind.OUT_OF_ORDER);
            app.append(0, A, 12 * HOUR, 12 * HOUR); // newer than the head: appended as usual
            app.commit();
            List<String> all = samples(tsdb, A);
            assertThat(all).hasSize(301 + 61 + 1);
            assertThat(all.get(0)).isEqualTo("0=0.0");
            assertThat(all.get(301)).isEqualTo(10 * HOUR + "=" + (double) 10 * HOUR);
            assertThat(all.get(all.size() - 1)).isEqualTo(12 * HOUR + "=" + (double) 12 * HOUR);
        }
    }

    @Test
    void batchesInAnyOrderMergeAndStoredSamplesWin() throws Exception {
        try (Tsdb tsdb = open()) {
            Appender later = tsdb.backfill().appender();
            for (long t = 2 * HOUR; t <= 3 * HOUR; t += 60_000) {
                later.append(0, A, t, 1);
            }
            later.commit();
            Appender earlier = tsdb.backfill().appender();
            for (long t = 0; t <= 2 * HOUR + 30 * 60_000; t += 60_000) {
                earlier.append(0, A, t, 2); // overlaps 2h..2h30 with different values
            }
            assertThat(kindOf(earlier, A, 60_000, 2))
                    .as("not ascending within a batch")
                    .isEqualTo(AppendException.Kind.OUT_OF_ORDER);
            assertThat(kindOf(earlier, A, 2 * HOUR + 30 * 60_000, 2))
                    .as("same sample again")
                    .isNull();
            assertThat(kindOf(earlier, A, 2 * HOUR + 30 * 60_000, 3))
                    .isEqualTo(AppendException.Kind.DUPLICATE_TIMESTAMP);
            earlier.commit();
            List<String> all = samples(tsdb, A);
            assertThat(all).hasSize(181).doesNotHaveDuplicates();
            assertThat(all.get(119)).isEqualTo(119 * 60_000L + "=2.0");
            assertThat(all.get(120)).as("the stored sample wins").isEqualTo(2 * HOUR + "=1.0");
            assertThat(all.get(180)).isEqualTo(3 * HOUR + "=1.0");
            assertThat(TextExposition.write(registry)).contains("vigil_tsdb_backfill_conflicting_samples_total 31");
        }
    }

    @Test
    void importsThatDeliverFewSamplesPerSeriesPerBatchStillFillChunks() throws Exception {
        try (Tsdb tsdb = open()) {
            // Time-major order, as OpenMetrics files are laid out: every batch holds 5 samples of each series.
            for (long batch = 0; batch < 60; batch++) {
                Appender app = tsdb.backfill().appender();
                for (long t = batch * 5 * 15_000; t < (batch + 1) * 5 * 15_000; t += 15_000) {
                    app.append(0, A, t, t);
                    app.append(0, B, t, t);
                }
                app.commit();
            }
            assertThat(count(tsdb, A)).isEqualTo(300);
        }
        try (RocksStore store = RocksStore.open(dir)) {
            List<Integer> sizes = new ArrayList<>();
            store.forEachChunk(
                    store.findSeries(A), RocksStore.blockOf(0), RocksStore.blockOf(HOUR * 2), (min, max, b) -> {
                        sizes.add(dev.vigil.tsdb.chunk.Chunk.iterator(b, null).count());
                        return true;
                    });
            // 300 samples at 15 s span 75 minutes: one block, chunks of 120, 120 and 60.
            assertThat(sizes).containsExactly(120, 120, 60);
        }
    }
}
