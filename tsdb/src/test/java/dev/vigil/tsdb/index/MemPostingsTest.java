package dev.vigil.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemPostingsTest {
    @Test
    void agreesWithBruteForceForAllMatcherShapes() {
        MemPostings postings = new MemPostings();
        List<Labels> series = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        String[] jobs = {"api", "apiserver", "web", "db", "ä-job"};
        for (int id = 1; id <= 500; id++) {
            Labels ls = Labels.of(
                    "__name__",
                    random.nextBoolean() ? "up" : "requests_total",
                    "job",
                    jobs[random.nextInt(jobs.length)],
                    "code",
                    random.nextInt(3) == 0 ? "" : Integer.toString(200 + random.nextInt(4)),
                    "pod",
                    "pod-" + random.nextInt(50));
            series.add(ls);
            postings.add(id, ls);
        }
        List<Matcher[]> queries = List.of(
                new Matcher[] {},
                new Matcher[] {Matcher.equal("job", "api")},
                new Matcher[] {Matcher.equal("code", "")},
                new Matcher[] {Matcher.notEqual("code", "")},
                new Matcher[] {Matcher.notEqual("job", "api")},
                new Matcher[] {Matcher.regex("job", "api|web")},
                new Matcher[] {Matcher.regex("job", "api.*")},
                new Matcher[] {Matcher.notRegex("job", "api.*")},
                new Matcher[] {Matcher.regex("job", ".*")},
                new Matcher[] {Matcher.regex("code", ".+")},
                new Matcher[] {Matcher.regex("code", "20[12]|")},
                new Matcher[] {Matcher.notRegex("code", "20[12]")},
                new Matcher[] {Matcher.regex("pod", "pod-1.")},
                new Matcher[] {
                    Matcher.equal("__name__", "up"), Matcher.regex("job", "a.*"), Matcher.notEqual("code", "200")
                },
                new Matcher[] {Matcher.equal("missing", "x")},
                new Matcher[] {Matcher.notEqual("missing", "x")});
        for (Matcher[] q : queries) {
            List<Long> expected = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                boolean all = true;
                for (Matcher m : q) {
                    all &= m.matches(series.get(i));
                }
                if (all) {
                    expected.add(i + 1L);
                }
            }
            long[] actual = PostingsSelection.select(postings.reader(id -> series.get((int) id - 1)), q);
            assertThat(actual)
                    .as(List.of(q).toString())
                    .containsExactly(
                            expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Test
    void acceptsIdsInAnyOrderAndRemovesInBatches() {
        MemPostings postings = new MemPostings();
        List<Labels> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            labels.add(Labels.of("__name__", "m", "i", Integer.toString(i % 3)));
        }
        for (int id : new int[] {7, 3, 9, 1, 5, 2, 10, 4, 8, 6}) {
            postings.add(id, labels.get(id - 1));
        }
        LabelIndexReader reader = postings.reader(id -> labels.get((int) id - 1));
        assertThat(reader.ids("__name__", "m")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(reader.ids("i", "1")).containsExactly(2, 5, 8);

        postings.removeAll(new long[] {2, 3, 8}, List.of(labels.get(1), labels.get(2), labels.get(7)));
        assertThat(reader.allIds()).containsExactly(1, 4, 5, 6, 7, 9, 10);
        assertThat(reader.ids("i", "1")).containsExactly(5);
        assertThat(postings.size()).isEqualTo(7);

        postings.removeAll(new long[] {5}, List.of(labels.get(4)));
        assertThat(reader.ids("i", "1")).isEmpty();
        assertThat(reader.names()).containsExactly("__name__", "i");
        List<String> values = new ArrayList<>();
        reader.forEachValue("i", (value, ids) -> {
            values.add(value + ":" + ids.next());
            return true;
        });
        assertThat(values).containsExactly("0:1", "2:6");
    }

    @Test
    void statsCountSeriesPerNameValueAndPair() {
        MemPostings postings = new MemPostings();
        postings.add(1, Labels.of("__name__", "up", "job", "a"));
        postings.add(2, Labels.of("__name__", "up", "job", "bb"));
        postings.add(3, Labels.of("__name__", "go", "job", "a"));
        PostingsStats stats = postings.stats(2);
        assertThat(stats.labelPairs()).isEqualTo(4);
        assertThat(stats.seriesByMetricName())
                .containsExactly(new PostingsStats.Stat("up", 2), new PostingsStats.Stat("go", 1));
        assertThat(stats.valuesByLabelName())
                .containsExactly(new PostingsStats.Stat("__name__", 2), new PostingsStats.Stat("job", 2));
        // job: "a" twice (2 bytes) + "bb" once (2 bytes); __name__: "up" twice + "go" once = 6 bytes
        assertThat(stats.bytesByLabelName())
                .containsExactly(new PostingsStats.Stat("__name__", 6), new PostingsStats.Stat("job", 4));
        assertThat(stats.seriesByLabelPair())
                .containsExactly(new PostingsStats.Stat("__name__=up", 2), new PostingsStats.Stat("job=a", 2));
    }
}
