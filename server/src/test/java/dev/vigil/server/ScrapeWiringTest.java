package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.server.support.Http;
import dev.vigil.testkit.InMemoryStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server scrapes itself with the default job, and stops scraping a job removed by a reload. */
class ScrapeWiringTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private VigilServer server;
    private final InMemoryStorage storage = new InMemoryStorage();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void serverScrapesItselfAndAReloadThatRemovesTheJobMarksItsSeriesStale() throws Exception {
        int port = Http.freePort();
        Path config = dir.resolve("vigil.yml");
        Files.writeString(
                config,
                """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: vigil
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """
                        .formatted(port));
        server = VigilServer.start(TestOptions.of(dir, config, port, false), options -> storage);

        List<Double> up = awaitValues("up", "vigil", v -> !v.isEmpty() && v.get(v.size() - 1) == 1.0);
        assertThat(up).contains(1.0);
        assertThat(awaitValues("vigil_ready", "vigil", v -> !v.isEmpty())).isNotEmpty();

        Files.writeString(config, "global:\n  scrape_interval: 1s\n");
        assertThat(server.reload().ok()).isTrue();

        List<Double> afterReload =
                awaitValues("up", "vigil", v -> !v.isEmpty() && StaleMarker.isStaleNaN(v.get(v.size() - 1)));
        assertThat(StaleMarker.isStaleNaN(afterReload.get(afterReload.size() - 1)))
                .isTrue();
    }

    /** Polls the storage until the job's series for {@code metric} satisfies {@code done}. */
    private List<Double> awaitValues(String metric, String job, Predicate<List<Double>> done) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            List<Double> values = read(metric, job);
            if (done.test(values)) {
                return values;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + metric + "{job=\"" + job + "\"}; got " + values);
            }
            Thread.sleep(20);
        }
    }

    private List<Double> read(String metric, String job) {
        List<Double> values = new ArrayList<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false, Matcher.equal(Labels.METRIC_NAME, metric), Matcher.equal("job", job));
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    values.add(it.value());
                }
            }
        }
        return values;
    }
}
