package dev.vigil.tsdb.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.tsdb.index.LabelIndexReader;
import dev.vigil.tsdb.index.MemPostings;
import dev.vigil.tsdb.index.PostingsSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postings stored in the index column family answer every matcher exactly as the in-memory postings do. */
class DiskIndexTest {
    @TempDir
    Path dir;

    /** Values that stress the key escaping: NUL and 0x01 bytes, prefixes of each other, non-ASCII. */
    private static final String[] JOBS = {"api", "apiserver", "api\u0000x", "api\u0001", "a", "web", "ä-job", "日本"};

    @Test
    void agreesWithMemoryPostingsAndBruteForce() {
        List<Labels> series = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 400; i++) {
            series.add(Labels.of(
                    "__name__",
                    random.nextBoolean() ? "up" : "requests_total",
                    "job",
                    JOBS[random.nextInt(JOBS.length)],
                    "code",
                    random.nextInt(3) == 0 ? "" : Integer.toString(200 + random.nextInt(4)),
                    "pod",
                    "pod-" + random.nextInt(50),
                    random.nextInt(5) == 0 ? "odd\u0000name" : "plain",
                    "v"));
        }
        MemPostings memory = new MemPostings();
        try (RocksStore store = RocksStore.open(dir)) {
            try (StoreBatch batch = store.batch()) {
                // Ids out of order on purpose: the head adds series back in any order.
                for (int i = series.size() - 1; i >= 0; i--) {
                    batch.putSeries(i + 1, series.get(i));
                    memory.add(i + 1, series.get(i));
                }
                batch.write(false);
            }
            List<Matcher[]> queries = List.of(
                    new Matcher[] {},
                    new Matcher[] {Matcher.equal("job", "api")},
                    new Matcher[] {Matcher.equal("job", "api\u0000x")},
                    new Matcher[] {Matcher.equal("code", "")},
                    new Matcher[] {Matcher.notEqual("code", "")},
                    new Matcher[] {Matcher.notEqual("job", "api")},
                    new Matcher[] {Matcher.regex("job", "api|web|日本")},
                    new Matcher[] {Matcher.regex("job", "api.*")},
                    new Matcher[] {Matcher.regex("job", "a.*")},
                    new Matcher[] {Matcher.notRegex("job", "api.*")},
                    new Matcher[] {Matcher.regex("job", ".*")},
                    new Matcher[] {Matcher.regex("code", ".+")},
                    new Matcher[] {Matcher.regex("code", "20[12]|")},
                    new Matcher[] {Matcher.notRegex("code", "20[12]")},
                    new Matcher[] {Matcher.regex("pod", "pod-1.")},
                    new Matcher[] {Matcher.equal("odd\u0000name", "v")},
                    new Matcher[] {
                        Matcher.equal("__name__", "up"), Matcher.regex("job", "a.*"), Matcher.notEqual("code", "200")
                    },
                    new Matcher[] {Matcher.equal("missing", "x")},
                    new Matcher[] {Matcher.notEqual("missing", "x")});
            try (ReadView view = store.readView()) {
                LabelIndexReader disk = view.index();
                LabelIndexReader mem = memory.reader(id -> series.get((int) id - 1));
                // MemPostingsTest checks the in-memory answers against brute force.
                for (Matcher[] q : queries) {
                    assertThat(PostingsSelection.select(disk, q))
                            .as(List.of(q).toString())
                            .containsExactly(PostingsSelection.select(mem, q));
                }
                assertThat(PostingsSelection.select(disk, Matcher.equal("job", "api\u0000x")))
                        .isNotEmpty()
                        .doesNotContain(PostingsSelection.select(disk, Matcher.equal("job", "api")));
                assertThat(disk.names()).isEqualTo(mem.names());
                assertThat(values(disk, "job")).isEqualTo(values(mem, "job"));
                assertThat(values(disk, "odd\u0000name")).isEqualTo(values(mem, "odd\u0000name"));
                assertThat(disk.labels(5)).isEqualTo(series.get(4));
                assertThat(disk.labels(999)).isNull();
            }
            assertThat(store.openResources()).isZero();
        }
    }

    /** Values with all their ids, as "value:id,id,...". */
    private static List<String> values(LabelIndexReader index, String name) {
        List<String> out = new ArrayList<>();
        index.forEachValue(name, (value, ids) -> {
            StringBuilder sb = new StringBuilder(value).append(':');
            for (long id = ids.next(); id != 0; id = ids.next()) {
                sb.append(id).append(',');
            }
            out.add(sb.toString());
            return true;
        });
        return out;
    }

    @Test
    void findsSeriesByLabelsAndForgetsDeletedOnes() {
        Labels a = Labels.of("__name__", "m", "x", "1");
        Labels b = Labels.of("__name__", "m", "x", "2");
        try (RocksStore store = RocksStore.open(dir)) {
            try (StoreBatch batch = store.batch()) {
                batch.putSeries(7, a);
                batch.putSeries(9, b);
                batch.putSeriesRange(9, 1000, 9000, 4.5, Long.MIN_VALUE);
                batch.write(false);
            }
            assertThat(store.findSeries(a)).isEqualTo(7);
            assertThat(store.findSeries(b)).isEqualTo(9);
            assertThat(store.findSeries(Labels.of("__name__", "m"))).isZero();
            assertThat(store.loadSeries(9)).isEqualTo(new StoredSeries(9, b, 1000, 9000, 4.5));
            assertThat(store.seriesEndingBefore(RocksStore.blockOf(9000) + 1)).containsExactly(9);
            assertThat(store.seriesEndingBefore(RocksStore.blockOf(9000))).isEmpty();
            try (StoreBatch batch = store.batch()) {
                batch.deleteSeries(9, b, 9000);
                batch.write(false);
            }
            assertThat(store.findSeries(b)).isZero();
            assertThat(store.loadSeries(9)).isNull();
            assertThat(store.seriesEndingBefore(Long.MAX_VALUE)).isEmpty();
            try (ReadView view = store.readView()) {
                assertThat(view.index().allIds()).containsExactly(7);
                assertThat(view.index().ids("x", "2")).isEmpty();
            }
        }
    }
}
