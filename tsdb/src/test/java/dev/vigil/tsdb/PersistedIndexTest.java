package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.model.storage.SeriesSlot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series whose data is persisted need not be in memory: after a restart or once they stopped receiving samples they are
 * found through the postings stored in the index column family, and come back into memory on their next sample.
 */
class PersistedIndexTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private TsdbOptions options() {
        return TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO);
    }

    private static Labels series(String job, int i) {
        return Labels.of("__name__", "requests_total", "job", job, "instance", "host-" + i);
    }

    private static void scrape(Tsdb tsdb, String job, int count, long t) throws Exception {
        Appender app = tsdb.appender();
        for (int i = 0; i < count; i++) {
            app.append(0, series(job, i), t, i);
        }
        app.commit();
    }

    private static List<String> select(Tsdb tsdb, long minT, long maxT, Matcher... matchers) {
        List<String> out = new ArrayList<>();
        try (Querier q = tsdb.querier(minT, maxT)) {
            SeriesSet set = q.select(true, matchers);
            while (set.next()) {
                StringBuilder sb = new StringBuilder(
                        set.at().labels().get("job") + "/" + set.at().labels().get("instance"));
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    sb.append(' ').append(it.timestamp());
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void restartBringsBackOnlySeriesWithSamplesInMemory() throws Exception {
        try (Tsdb tsdb = Tsdb.open(options())) {
            for (long t = 0; t < 10 * 15_000; t += 15_000) {
                scrape(tsdb, "api", 50, t);
                scrape(tsdb, "db", 20, t);
            }
            for (long t = 2 * HOUR; t <= 3 * HOUR; t += 60_000) {
                scrape(tsdb, "api", 50, t);
            }
            tsdb.runMaintenance(); // the idle db series are persisted and leave memory
            assertThat(tsdb.seriesCount()).isEqualTo(50);
        }
        try (Tsdb tsdb = Tsdb.open(options())) {
            // Only series with an open chunk come back; the rest is found through the persisted postings.
            assertThat(tsdb.seriesCount()).isEqualTo(50);
            assertThat(select(tsdb, 0, HOUR, Matcher.equal("job", "db"))).hasSize(20);
            assertThat(select(tsdb, 0, 60_000, Matcher.regex("instance", "host-(1|2)"), Matcher.equal("job", "db")))
                    .containsExactly("db/host-1 0 15000 30000 45000 60000", "db/host-2 0 15000 30000 45000 60000");
            try (Querier q = tsdb.querier(0, HOUR)) {
                assertThat(q.labelValues("job")).containsExactly("api", "db");
                assertThat(q.labelNames(Matcher.equal("job", "db"))).containsExactly("__name__", "instance", "job");
            }

            // The next sample brings the series back into memory with its id.
            Appender app = tsdb.appender();
            long ref = app.append(0, series("db", 3), 3 * HOUR, 3);
            app.commit();
            assertThat(tsdb.seriesCount()).isEqualTo(51);
            Appender again = tsdb.appender();
            assertThat(again.append(ref, series("db", 3), 3 * HOUR + 15_000, 3)).isEqualTo(ref);
            again.commit();
            assertThat(select(tsdb, 2 * HOUR, 4 * HOUR, Matcher.equal("job", "db")))
                    .containsExactly("db/host-3 " + 3 * HOUR + " " + (3 * HOUR + 15_000));
            assertThat(select(tsdb, 0, 4 * HOUR, Matcher.equal("job", "db"), Matcher.equal("instance", "host-3")))
                    .containsExactly("db/host-3 0 15000 30000 45000 60000 75000 90000 105000 120000 135000 " + 3 * HOUR
                            + " " + (3 * HOUR + 15_000));
        }
    }

    @Test
    void idleSeriesLeaveMemoryAndStayQueryable() throws Exception {
        try (Tsdb tsdb = Tsdb.open(options())) {
            scrape(tsdb, "gone", 30, 0);
            Labels goneLabels = series("gone", 8);
            SeriesSlot goneSlot = new SeriesSlot();
            Appender first = tsdb.appender();
            first.append(goneSlot, goneLabels, 0, 8); // the same sample again: a no-op that fills the slot
            first.commit();
            for (long t = 0; t <= 3 * HOUR; t += 60_000) {
                scrape(tsdb, "live", 5, t);
            }
            assertThat(tsdb.seriesCount()).isEqualTo(35);
            tsdb.runMaintenance(); // cuts idle chunks, persists them, lets idle series go
            assertThat(tsdb.seriesCount()).isEqualTo(5);

            assertThat(select(tsdb, 0, 0, Matcher.equal("job", "gone"))).hasSize(30);
            try (Querier q = tsdb.querier(0, 3 * HOUR)) {
                assertThat(q.labelValues("job")).containsExactly("gone", "live");
            }
            // A range after the idle series' last sample is answered from memory and does not list them.
            try (Querier q = tsdb.querier(2 * HOUR, 3 * HOUR)) {
                assertThat(q.labelValues("job")).containsExactly("live");
                assertThat(q.labelValues("instance", Matcher.equal("job", "gone")))
                        .isEmpty();
            }
            // A gone series that reappears continues after its last sample, also through a slot whose handle
            // still names the series object that left memory.
            Appender app = tsdb.appender();
            app.append(0, series("gone", 7), 3 * HOUR, 1);
            app.append(goneSlot, goneLabels, 3 * HOUR, 1);
            app.commit();
            assertThat(select(tsdb, 0, 4 * HOUR, Matcher.equal("job", "gone"), Matcher.equal("instance", "host-7")))
                    .containsExactly("gone/host-7 0 " + 3 * HOUR);
            assertThat(select(tsdb, 0, 4 * HOUR, Matcher.equal("job", "gone"), Matcher.equal("instance", "host-8")))
                    .containsExactly("gone/host-8 0 " + 3 * HOUR);
            assertThat(tsdb.seriesCount()).isEqualTo(7);
        }
    }

    @Test
    void labelValuesAndNamesAreExactForTheRangeAndTheSnapshot() throws Exception {
        try (Tsdb tsdb = Tsdb.open(options())) {
            Appender app = tsdb.appender();
            Labels gappy = Labels.of("__name__", "m", "kind", "gappy", "extra", "x");
            app.append(0, gappy, 1000, 1);
            app.append(0, gappy, 9000, 1);
            app.append(0, Labels.of("__name__", "m", "kind", "steady"), 5000, 1);
            app.commit();
            try (Querier before = tsdb.querier(0, 20_000)) {
                Appender later = tsdb.appender();
                later.append(0, Labels.of("__name__", "m", "kind", "later"), 6000, 1);
                later.commit();
                assertThat(before.labelValues("kind")).containsExactly("gappy", "steady");
            }
            try (Querier q = tsdb.querier(4000, 6000)) {
                // The gappy series spans the range but has no sample in it.
                assertThat(q.labelValues("kind")).containsExactly("later", "steady");
                assertThat(q.labelNames()).containsExactly("__name__", "kind");
                assertThat(q.labelNames(Matcher.equal("kind", "gappy"))).isEmpty();
            }
            tsdb.checkpoint();
        }
        try (Tsdb tsdb = Tsdb.open(options());
                Querier q = tsdb.querier(4000, 6000)) {
            assertThat(q.labelValues("kind")).containsExactly("later", "steady");
            assertThat(q.labelNames()).containsExactly("__name__", "kind");
        }
    }
}
