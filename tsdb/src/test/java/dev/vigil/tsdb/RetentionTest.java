package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention runs on the TSDB's own maintenance thread, deletes whole blocks and forgets series left without data. */
class RetentionTest {
    private static final long HOUR = 3_600_000L;
    private static final Labels LIVE = Labels.of("__name__", "m", "job", "live");
    private static final Labels GONE = Labels.of("__name__", "m", "job", "gone");

    @TempDir
    Path dir;

    private static void appendRange(Tsdb tsdb, Labels labels, long from, long to, long step) throws Exception {
        Appender app = tsdb.appender();
        for (long t = from; t <= to; t += step) {
            app.append(0, labels, t, t);
        }
        app.commit();
    }

    private static long firstTime(Tsdb tsdb, Labels labels) {
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false, Matcher.equal("job", labels.get("job")));
            if (!set.next()) {
                return Long.MIN_VALUE;
            }
            SeriesIterator it = set.at().iterator();
            return it.next() ? it.timestamp() : Long.MIN_VALUE;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void timeRetentionRunsInTheBackgroundAndForgetsExpiredSeries() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        TsdbOptions options =
                new TsdbOptions(dir, Duration.ofHours(3), 0).withMaintenanceInterval(Duration.ofMillis(50));
        try (Tsdb tsdb = Tsdb.open(options, registry)) {
            appendRange(tsdb, GONE, 0, 2 * HOUR, 60_000);
            appendRange(tsdb, LIVE, 0, 10 * HOUR, 60_000);
            // cutoff = 7 h: blocks before 6 h go. The gone series had data only before 2 h.
            await("the old blocks are deleted", () -> firstTime(tsdb, LIVE) == 6 * HOUR);
            await("the expired series is forgotten", () -> firstTime(tsdb, GONE) == Long.MIN_VALUE);
            try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(q.labelValues("job")).containsExactly("live");
            }
            await("retention is counted", () -> TextExposition.write(registry)
                    .contains("vigil_tsdb_retention_series_removed_total 1"));
            assertThat(TextExposition.write(registry))
                    .contains("vigil_tsdb_retention_deletions_total{reason=\"time\"}");
        }
        // Forgotten in the stored index too.
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
                Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(q.labelValues("job")).containsExactly("live");
        }
    }

    @Test
    void sizeRetentionDropsOldestBlocksButNotTheNewest() throws Exception {
        TsdbOptions options = new TsdbOptions(dir, Duration.ZERO, 1).withMaintenanceInterval(Duration.ofMillis(50));
        try (Tsdb tsdb = Tsdb.open(options)) {
            for (int s = 0; s < 20; s++) {
                appendRange(tsdb, Labels.of("__name__", "m", "job", "s" + s), 0, 7 * HOUR, 15_000);
            }
            // Every block but the newest (6 h..8 h) is deleted to get under 1 byte.
            await("all but the newest block is deleted", () -> firstTime(tsdb, Labels.of("job", "s3")) == 6 * HOUR);
        }
    }

    @Test
    void retentionRejectsSamplesOlderThanTheHorizon() throws Exception {
        TsdbOptions options = new TsdbOptions(dir, Duration.ofHours(3), 0).withMaintenanceInterval(Duration.ZERO);
        try (Tsdb tsdb = Tsdb.open(options)) {
            appendRange(tsdb, LIVE, 0, 10 * HOUR, 60_000);
            tsdb.runMaintenance();
            assertThat(firstTime(tsdb, LIVE)).isEqualTo(6 * HOUR);
            Appender app = tsdb.appender();
            try {
                app.append(0, GONE, 6 * HOUR, 1);
                throw new AssertionError("expected out of bounds");
            } catch (dev.vigil.model.storage.AppendException e) {
                assertThat(e.kind()).isEqualTo(dev.vigil.model.storage.AppendException.Kind.OUT_OF_BOUNDS);
            }
            app.append(0, GONE, 8 * HOUR, 1);
            app.commit();
        }
    }
}
