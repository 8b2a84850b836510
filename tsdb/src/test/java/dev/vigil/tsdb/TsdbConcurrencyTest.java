package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appenders on several threads with queriers running alongside; every query sees whole commits only. */
class TsdbConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentScrapesAndQueries() throws Exception {
        int writers = 3;
        int seriesPerWriter = 50;
        int scrapes = 300;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir))) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = Integer.toString(w);
                futures.add(pool.submit(() -> {
                    long[] refs = new long[seriesPerWriter];
                    for (int scrape = 0; scrape < scrapes; scrape++) {
                        Appender app = tsdb.appender();
                        for (int s = 0; s < seriesPerWriter; s++) {
                            Labels ls = Labels.of("__name__", "m", "w", writer, "s", Integer.toString(s));
                            refs[s] = app.append(refs[s], ls, scrape * 15_000L, scrape);
                        }
                        app.commit();
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int checks = 0;
                do {
                    try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                        // Within one writer's batch every series has the same number of samples.
                        for (int w = 0; w < writers; w++) {
                            SeriesSet set = q.select(false, Matcher.equal("w", Integer.toString(w)));
                            int expected = -1;
                            while (set.next()) {
                                int n = count(set.at().iterator());
                                if (expected < 0) {
                                    expected = n;
                                }
                                assertThat(n)
                                        .as("writer %d commits are atomic", w)
                                        .isEqualTo(expected);
                            }
                        }
                    }
                    checks++;
                } while (!allDone(futures));
                return checks;
            });
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertThat(reader.get(120, TimeUnit.SECONDS)).isPositive();
            try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                SeriesSet set = q.select(true);
                int series = 0;
                while (set.next()) {
                    assertThat(count(set.at().iterator())).isEqualTo(scrapes);
                    series++;
                }
                assertThat(series).isEqualTo(writers * seriesPerWriter);
            }
            assertThat(tsdb.openStoreResources()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writers switch to new series halfway, so the first ones go idle, are cut, persisted and leave memory while
     * maintenance runs every few milliseconds; readers query recent ranges (head postings) and old ones (stored
     * postings) and must always see whole commits.
     */
    @Test
    void queriesStayConsistentWhileSeriesLeaveMemory() throws Exception {
        int writers = 2;
        int seriesPerSet = 30;
        int scrapes = 400; // one a minute: the first set goes idle at 200 min, an hour later it may leave memory
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(java.time.Duration.ofMillis(5));
        try (Tsdb tsdb = Tsdb.open(options)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String writer = Integer.toString(w);
                futures.add(pool.submit(() -> {
                    for (int scrape = 0; scrape < scrapes; scrape++) {
                        String set = scrape < scrapes / 2 ? "a" : "b";
                        Appender app = tsdb.appender();
                        for (int s = 0; s < seriesPerSet; s++) {
                            Labels ls = Labels.of("__name__", "m", "w", writer, "set", set, "s", Integer.toString(s));
                            app.append(0, ls, scrape * 60_000L, scrape);
                        }
                        app.commit();
                    }
                    return null;
                }));
            }
            java.util.SplittableRandom random = new java.util.SplittableRandom(3);
            Future<Integer> reader = pool.submit(() -> {
                int checks = 0;
                do {
                    long from = random.nextLong(scrapes) * 60_000L;
                    long to = from + random.nextLong(1, 120) * 60_000L;
                    try (Querier q = tsdb.querier(from, to)) {
                        for (int w = 0; w < writers; w++) {
                            for (String set : new String[] {"a", "b"}) {
                                SeriesSet series = q.select(
                                        false, Matcher.equal("w", Integer.toString(w)), Matcher.equal("set", set));
                                int expected = -1;
                                int n = 0;
                                while (series.next()) {
                                    int count = count(series.at().iterator());
                                    if (expected < 0) {
                                        expected = count;
                                    }
                                    assertThat(count)
                                            .as("writer %d set %s in [%d, %d]", w, set, from, to)
                                            .isEqualTo(expected);
                                    n++;
                                }
                                assertThat(n).isIn(0, seriesPerSet);
                            }
                        }
                        assertThat(q.labelValues("set")).isSubsetOf("a", "b");
                    }
                    checks++;
                } while (!allDone(futures));
                return checks;
            });
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertThat(reader.get(120, TimeUnit.SECONDS)).isPositive();
            tsdb.runMaintenance();
            assertThat(tsdb.seriesCount()).as("the idle first sets left memory").isEqualTo(writers * seriesPerSet);
            try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                SeriesSet set = q.select(true);
                int series = 0;
                while (set.next()) {
                    assertThat(count(set.at().iterator())).isEqualTo(scrapes / 2);
                    series++;
                }
                assertThat(series).isEqualTo(writers * seriesPerSet * 2);
            }
            assertThat(tsdb.openStoreResources()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean allDone(List<Future<?>> futures) {
        return futures.stream().allMatch(Future::isDone);
    }

    private static int count(SeriesIterator it) {
        int n = 0;
        long last = Long.MIN_VALUE;
        while (it.next()) {
            assertThat(it.timestamp()).isGreaterThan(last);
            last = it.timestamp();
            n++;
        }
        return n;
    }
}
