package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
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

/** delete_series records tombstones that hide samples at once; clean_tombstones rewrites chunks without them. */
class DeletionTest {
    private static final long HOUR = 3_600_000L;
    private static final Labels A = Labels.of("__name__", "m", "job", "a");
    private static final Labels B = Labels.of("__name__", "m", "job", "b");

    @TempDir
    Path dir;

    private Tsdb open() {
        return Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
    }

    private static void appendRange(Tsdb tsdb, Labels labels, long from, long to, long step) throws Exception {
        Appender app = tsdb.appender();
        for (long t = from; t <= to; t += step) {
            app.append(0, labels, t, t / 1000.0);
        }
        app.commit();
    }

    /** "job: count first..last" per series. */
    private static List<String> summary(Querier q) {
        List<String> out = new ArrayList<>();
        SeriesSet set = q.select(true);
        while (set.next()) {
            SeriesIterator it = set.at().iterator();
            long n = 0;
            long first = 0;
            long last = 0;
            while (it.next()) {
                if (n++ == 0) {
                    first = it.timestamp();
                }
                last = it.timestamp();
                assertThat(it.value()).isEqualTo(it.timestamp() / 1000.0);
            }
            out.add(set.at().labels().get("job") + ": " + n + " " + first + ".." + last);
        }
        return out;
    }

    private static List<String> summary(Tsdb tsdb) {
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return summary(q);
        }
    }

    @Test
    void deletionHidesSamplesAtOnceAndSurvivesRestart() throws Exception {
        try (Tsdb tsdb = open()) {
            appendRange(tsdb, A, 0, 5 * HOUR, 60_000); // persisted chunks, cut chunks and an open chunk
            appendRange(tsdb, B, 0, 5 * HOUR, 60_000);
            try (Querier before = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                tsdb.deleteSeries(HOUR, 4 * HOUR, Matcher.equal("job", "a"));
                assertThat(summary(before))
                        .as("queriers opened before keep their view")
                        .containsExactly("a: 301 0..18000000", "b: 301 0..18000000");
            }
            assertThat(summary(tsdb)).containsExactly("a: 120 0..18000000", "b: 301 0..18000000");
            // Samples appended after the deletion stay visible even inside a far-reaching interval.
            tsdb.deleteSeries(4 * HOUR + 1, Long.MAX_VALUE, Matcher.equal("job", "b"));
            appendRange(tsdb, B, 5 * HOUR + 60_000, 5 * HOUR + 120_000, 60_000);
            assertThat(summary(tsdb)).containsExactly("a: 120 0..18000000", "b: 243 0..18120000");
        }
        try (Tsdb tsdb = open()) {
            assertThat(summary(tsdb)).containsExactly("a: 120 0..18000000", "b: 243 0..18120000");
            try (Querier q = tsdb.querier(HOUR + 1, 4 * HOUR - 1)) {
                assertThat(q.labelValues("job")).containsExactly("b");
            }
        }
    }

    @Test
    void cleanTombstonesRewritesChunksAndForgetsSeriesLeftEmpty() throws Exception {
        try (Tsdb tsdb = open()) {
            appendRange(tsdb, A, 0, 5 * HOUR, 60_000);
            appendRange(tsdb, B, 0, 5 * HOUR, 60_000);
            tsdb.deleteSeries(HOUR, 4 * HOUR, Matcher.equal("job", "a"));
            tsdb.deleteSeries(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.equal("job", "b"));
            try (Querier before = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                tsdb.cleanTombstones();
                assertThat(summary(before)).containsExactly("a: 120 0..18000000");
            }
            assertThat(tsdb.stats(10).head().numSeries()).isEqualTo(1);
            assertThat(summary(tsdb)).containsExactly("a: 120 0..18000000");
            try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(q.labelValues("job")).containsExactly("a");
            }
            assertThat(tsdb.openStoreResources()).isZero();
        }
        try (Tsdb tsdb = open()) {
            assertThat(summary(tsdb)).containsExactly("a: 120 0..18000000");
            // B is gone from the stored index: a new sample makes a new series.
            appendRange(tsdb, B, 6 * HOUR, 6 * HOUR, 60_000);
            assertThat(summary(tsdb)).containsExactly("a: 120 0..18000000", "b: 1 21600000..21600000");
        }
    }
}
