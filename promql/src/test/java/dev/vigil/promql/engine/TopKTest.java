package dev.vigil.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Queryable;
import dev.vigil.model.storage.Series;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Vector;
import dev.vigil.testkit.InMemoryStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * topk and bottomk keep the members Prometheus keeps, also among equal values. Series {@code m{s="a"}},
 * {@code m{s="b"}}, ... are offered in label order, whatever order the storage has them in; the expected members
 * follow Prometheus's heap.
 */
class TopKTest {
    static Stream<Arguments> cases() {
        double nan = Double.NaN;
        return Stream.of(
                // A larger value displaces the heap root, which after the sift is b, not a.
                arguments("topk(2, m)", new double[] {1, 1, 2}, List.of("c", "b")),
                arguments("bottomk(2, m)", new double[] {0, 0, -1}, List.of("c", "b")),
                // Equal values only: the first k in label order stay, whatever order storage keeps them in.
                arguments("topk(2, m)", new double[] {5, 5, 5, 5}, List.of("a", "b")),
                arguments("bottomk(1, m)", new double[] {7, 7, 7}, List.of("a")),
                arguments("topk(3, m)", new double[] {1, 1, 1, 2, 2}, List.of("d", "e", "c")),
                // NaN is worst for both; among NaNs the first stays (Prometheus 3).
                arguments("topk(1, m)", new double[] {nan, nan}, List.of("a")),
                arguments("bottomk(1, m)", new double[] {nan, 3, nan}, List.of("b")),
                arguments("topk(3, m)", new double[] {nan, 1, 2}, List.of("c", "b", "a")),
                arguments("bottomk(2, m)", new double[] {2, 1, 3}, List.of("b", "a")));
    }

    /** A storage that returns series in reverse label order unless asked for sorted ones. */
    private static Queryable reverseUnlessSorted(InMemoryStorage storage) {
        return (minT, maxT) -> {
            Querier q = storage.querier(minT, maxT);
            return new Querier() {
                @Override
                public SeriesSet select(boolean sorted, Matcher... matchers) {
                    List<Series> series = new ArrayList<>();
                    SeriesSet set = q.select(true, matchers);
                    while (set.next()) {
                        series.add(set.at());
                    }
                    if (!sorted) {
                        Collections.reverse(series);
                    }
                    return SeriesSet.of(series);
                }

                @Override
                public List<String> labelNames(Matcher... matchers) {
                    return q.labelNames(matchers);
                }

                @Override
                public List<String> labelValues(String name, Matcher... matchers) {
                    return q.labelValues(name, matchers);
                }

                @Override
                public void close() {
                    q.close();
                }
            };
        };
    }

    private static InMemoryStorage storageWith(double[] values) throws AppendException {
        InMemoryStorage storage = new InMemoryStorage();
        Appender app = storage.appender();
        for (int i = 0; i < values.length; i++) {
            app.append(0, Labels.of("__name__", "m", "s", String.valueOf((char) ('a' + i))), 0, values[i]);
        }
        app.commit();
        return storage;
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("cases")
    void keepsTheMembersPrometheusKeeps(String query, double[] values, List<String> expected) throws AppendException {
        Engine engine = new Engine(reverseUnlessSorted(storageWith(values)), EngineOptions.DEFAULT);
        Vector v = (Vector) engine.instantQuery(query, 0).value();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            members.add(v.labels(i).get("s"));
        }
        assertThat(members).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> rangeCases() {
        return cases().flatMap(c -> Stream.of(true, false).map(whole -> {
            Object[] a = c.get();
            return arguments(a[0], a[1], a[2], whole);
        }));
    }

    /** Range queries keep the same members at every step, whether evaluated over the whole range or step by step. */
    @ParameterizedTest(name = "{0} over {1}, whole range: {3}")
    @MethodSource("rangeCases")
    void rangeQueriesKeepTheSameMembersOnBothPaths(
            String query, double[] values, List<String> expected, boolean wholeRange) throws AppendException {
        assertThat(RangeSupport.supports(ExpressionParser.parse(query))).isTrue();
        Engine engine = new Engine(reverseUnlessSorted(storageWith(values)), EngineOptions.DEFAULT, wholeRange);
        Matrix m = (Matrix) engine.rangeQuery(query, 0, 60_000, 15_000).value();
        for (long t = 0; t <= 60_000; t += 15_000) {
            List<String> members = new ArrayList<>();
            for (dev.vigil.promql.value.Series s : m.series()) {
                for (int i = 0; i < s.size(); i++) {
                    if (s.timestamp(i) == t) {
                        members.add(s.labels().get("s"));
                    }
                }
            }
            assertThat(members).as("at %d ms", t).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
