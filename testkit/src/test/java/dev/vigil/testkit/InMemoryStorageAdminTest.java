package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.StorageException;
import dev.vigil.model.storage.StorageStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryStorageAdminTest {
    @TempDir
    Path dir;

    private static final String DATA =
            """
            up{job="api", instance="a"} 1 1000
            up{job="api", instance="a"} 1 2000
            up{job="api", instance="a"} 0 3000
            up{job="web", instance="b"} 1 1000
            http_requests_total{job="api", code="200"} 5 1000
            http_requests_total{job="api", code="500"} 1 1000
            http_requests_total{job="api", code="500"} stale 2000
            """;

    @Test
    void deleteSeriesHidesTheRangeFromLaterQueriersOnly() {
        InMemoryStorage storage = new InMemoryStorage();
        SeriesFixture.load(storage, DATA);
        try (Querier before = storage.querier(0, 10_000)) {
            storage.deleteSeries(1500, 2500, Matcher.equal("__name__", "up"), Matcher.equal("job", "api"));
            assertThat(StorageContract.dump(before, Matcher.equal("instance", "a")))
                    .containsExactly("{__name__=\"up\", instance=\"a\", job=\"api\"} 1000=1.0 2000=1.0 3000=0.0");
        }
        try (Querier after = storage.querier(0, 10_000)) {
            assertThat(StorageContract.dump(after, Matcher.equal("__name__", "up")))
                    .containsExactly(
                            "{__name__=\"up\", instance=\"a\", job=\"api\"} 1000=1.0 3000=0.0",
                            "{__name__=\"up\", instance=\"b\", job=\"web\"} 1000=1.0");
        }
    }

    @Test
    void cleanTombstonesForgetsSeriesThatDeletionEmptied() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        SeriesFixture.load(storage, DATA);
        Appender pending = storage.appender();
        long ref = pending.append(0, Labels.of("__name__", "up", "job", "web", "instance", "b"), 5000, 1);

        storage.deleteSeries(Long.MIN_VALUE, Long.MAX_VALUE, Matcher.equal("job", "web"));
        assertThat(storage.seriesCount())
                .as("deleted series stay indexed until cleaned")
                .isEqualTo(4);
        assertThat(storage.stats(10).head().numSeries()).isEqualTo(4);

        storage.cleanTombstones();
        assertThat(storage.seriesCount()).isEqualTo(3);

        // A batch that referenced the forgotten series still commits into it.
        pending.commit();
        try (Querier q = storage.querier(0, 10_000)) {
            assertThat(StorageContract.dump(q, Matcher.equal("job", "web")))
                    .containsExactly("{__name__=\"up\", instance=\"b\", job=\"web\"} 5000=1.0");
        }
        Appender next = storage.appender();
        assertThat(next.append(ref, Labels.of("__name__", "up", "job", "web", "instance", "b"), 6000, 1))
                .isEqualTo(ref);
        next.commit();
    }

    @Test
    void snapshotWritesCommittedSamplesInFixtureFormat() throws Exception {
        InMemoryStorage storage = InMemoryStorage.withDataDirectory(dir);
        SeriesFixture.load(storage, DATA);
        Path snapshot = storage.snapshot(false);
        assertThat(snapshot.getParent()).isEqualTo(dir.resolve("snapshots"));
        assertThat(snapshot.getFileName().toString()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{16}");

        InMemoryStorage restored = new InMemoryStorage();
        SeriesFixture.load(restored, Files.readString(snapshot.resolve("series.txt")));
        assertThat(dumpAll(restored)).isEqualTo(dumpAll(storage));

        Path empty = storage.snapshot(true);
        assertThat(empty).isDirectory().isNotEqualTo(snapshot);
        try (var files = Files.list(empty)) {
            assertThat(files).as("everything is head data").isEmpty();
        }
    }

    @Test
    void snapshotWithoutDataDirectoryFailsClearly() {
        assertThatThrownBy(() -> new InMemoryStorage().snapshot(false))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("no data directory");
    }

    @Test
    void statsCountSeriesLabelsAndTimeRange() {
        InMemoryStorage storage = new InMemoryStorage();
        SeriesFixture.load(storage, DATA);
        StorageStats stats = storage.stats(2);
        assertThat(stats.head()).isEqualTo(new StorageStats.HeadStats(4, 8, 0, 1000, 3000));
        assertThat(stats.seriesCountByMetricName())
                .containsExactly(new StorageStats.Entry("http_requests_total", 2), new StorageStats.Entry("up", 2));
        assertThat(stats.labelValueCountByLabelName())
                .containsExactly(new StorageStats.Entry("__name__", 2), new StorageStats.Entry("code", 2));
        assertThat(stats.memoryInBytesByLabelName())
                .containsExactly(new StorageStats.Entry("__name__", 21), new StorageStats.Entry("code", 6));
        assertThat(stats.seriesCountByLabelValuePair())
                .containsExactly(
                        new StorageStats.Entry("job=api", 3),
                        new StorageStats.Entry("__name__=http_requests_total", 2));

        StorageStats empty = new InMemoryStorage().stats(10);
        assertThat(empty.head()).isEqualTo(new StorageStats.HeadStats(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE));
        assertThat(empty.seriesCountByMetricName()).isEmpty();
    }

    private static List<String> dumpAll(InMemoryStorage storage) {
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            return new ArrayList<>(StorageContract.dump(q));
        }
    }
}
