package dev.vigil.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            long[] actual = postings.select(q);
            assertThat(actual)
                    .as(List.of(q).toString())
                    .containsExactly(
                            expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Test
    void idsMustAscend() {
        MemPostings postings = new MemPostings();
        postings.add(5, Labels.of("a", "b"));
        assertThatThrownBy(() -> postings.add(5, Labels.of("a", "c"))).hasMessageContaining("must ascend");
        assertThat(postings.size()).isEqualTo(1);
    }
}
