package dev.vigil.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParserOptions;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Series;
import dev.vigil.testkit.InMemoryStorage;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Range queries evaluated over the whole range at once ({@link RangeEvaluator}) must give exactly what the step by step
 * evaluation gives: the same series, timestamps and bit-identical values, the same warnings and infos, the same errors.
 * The data has counter resets, gaps longer than the lookback delta, stale markers, NaN and infinities, ties, and
 * classic histograms with a bad bound and non-monotonic buckets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WholeRangeEvaluationTest {
    private static final long MIN = 60_000;
    private static final ParserOptions PARSER = new ParserOptions(true, false, false, true);
    private final InMemoryStorage storage = new InMemoryStorage();
    private Engine wholeRange;
    private Engine stepByStep;

    @BeforeAll
    void load() throws AppendException {
        SplittableRandom random = new SplittableRandom(42);
        Appender app = storage.appender();
        for (int s = 0; s < 6; s++) {
            Labels l = Labels.of(
                    "__name__", "c_total", "job", s < 3 ? "api" : "web", "instance", "i" + s, "tier", "t" + (s % 2));
            double v = 0;
            for (long t = 0; t <= 40 * MIN; t += 15_000) {
                if (s == 2 && t > 10 * MIN && t < 18 * MIN) {
                    continue; // a gap longer than the lookback delta
                }
                if (s == 4 && t > 30 * MIN) {
                    break; // stops early
                }
                v = random.nextInt(20) == 0 ? random.nextInt(5) : v + random.nextInt(1, 30);
                app.append(0, l, t + (s == 5 ? 7_000 : 0), s == 3 && t == 20 * MIN ? StaleMarker.STALE_NAN : v);
            }
        }
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -3, 0, 1e300, -1e300};
        for (int s = 0; s < 5; s++) {
            Labels l = Labels.of("__name__", s == 4 ? "other" : "g", "job", s % 2 == 0 ? "api" : "web", "i", "g" + s);
            for (long t = s * 60_000L; t <= 40 * MIN; t += 30_000) {
                double v = random.nextInt(12) == 0 ? specials[random.nextInt(specials.length)] : random.nextInt(-5, 6);
                app.append(0, l, t, v);
            }
        }
        String[] les = {"0.1", "0.5", "1", "5", "+Inf"};
        for (int h = 0; h < 3; h++) {
            for (int b = 0; b < les.length; b++) {
                String le = h == 2 && b == 1 ? "abc" : les[b];
                Labels l = Labels.of("__name__", "h_bucket", "job", h == 0 ? "api" : "web", "h", "h" + h, "le", le);
                double count = 0;
                for (long t = 0; t <= 40 * MIN; t += 15_000) {
                    count += (b + 1) * random.nextInt(1, 5);
                    // The second histogram's third bucket sometimes dips below the second: forced monotonic.
                    double v = h == 1 && b == 2 && random.nextBoolean() ? count / 3 : count;
                    app.append(0, l, t, v);
                }
            }
        }
        app.append(0, Labels.of("__name__", "dup", "a", "1", "x", "1"), 10 * MIN, 1);
        app.append(0, Labels.of("__name__", "dup", "a", "1", "x", "2"), 10 * MIN, 2);
        app.append(0, Labels.of("__name__", "one", "a", "1"), 10 * MIN, 5);
        app.commit();
        EngineOptions options = EngineOptions.DEFAULT.withParserOptions(PARSER);
        wholeRange = new Engine(storage, options, true);
        stepByStep = new Engine(storage, options, false);
    }

    static Stream<String> queries() {
        return Stream.of(
                "c_total",
                "c_total offset 2m",
                "g",
                "-g",
                "rate(c_total[5m])",
                "irate(c_total[2m])",
                "increase(c_total[10m] offset 1m)",
                "delta(g[5m])",
                "idelta(g[3m])",
                "deriv(g[10m])",
                "predict_linear(c_total[10m], 600)",
                "double_exponential_smoothing(g[10m], 0.5, 0.3)",
                "resets(c_total[15m])",
                "changes(g[15m])",
                "avg_over_time(g[5m])",
                "sum_over_time(g[5m])",
                "min_over_time(g[5m])",
                "max_over_time(g[5m])",
                "count_over_time(c_total[3m])",
                "stddev_over_time(g[10m])",
                "stdvar_over_time(g[10m])",
                "quantile_over_time(0.3, g[10m])",
                "quantile_over_time(scalar(g{i=\"g1\"}) / 4, g[10m])",
                "mad_over_time(g[10m])",
                "last_over_time(g[5m])",
                "first_over_time(c_total[5m])",
                "present_over_time(c_total[1m])",
                "ts_of_last_over_time(c_total[5m])",
                "ts_of_first_over_time(c_total[5m])",
                "ts_of_max_over_time(g[10m])",
                "ts_of_min_over_time(g[10m])",
                "sum(rate(c_total[5m]))",
                "sum by (job) (rate(c_total[5m]))",
                "sum without (instance) (c_total)",
                "avg by (job) (g)",
                "avg({__name__=~\"g|other\"})",
                "count by (tier) (c_total)",
                "group by (job) (g)",
                "min by (job) (g)",
                "max without (i) (g)",
                "stddev by (job) (g)",
                "stdvar(g)",
                "quantile by (job) (0.75, g)",
                "quantile(1.5, g)",
                "sum by (__name__) ({__name__=~\"g|other\"} or rate(c_total[5m]))",
                "topk(2, g)",
                "bottomk by (job) (1, g)",
                "topk(scalar(count(g)) - 2, rate(c_total[5m]))",
                "topk(3, -g)",
                "topk(scalar(g{i=\"g0\"}), g)",
                // Ties everywhere: which equal members topk/bottomk keep (TopK's heap rules) must agree.
                "topk(2, sgn(g))",
                "bottomk by (job) (2, round(g / 4))",
                "topk(3, c_total > bool 0)",
                "bottomk(4, -sgn(c_total))",
                "histogram_quantile(0.9, sum by (job, le) (rate(h_bucket[5m])))",
                "histogram_quantile(0.5, h_bucket)",
                "histogram_quantile(scalar(g{i=\"g1\"}) / 3, rate(h_bucket[5m]))",
                "g + 1",
                "2 * g",
                "g > 0",
                "0 < g",
                "g >= bool 1",
                "1 == bool g",
                "c_total - c_total offset 5m",
                "rate(c_total[5m]) / on (job, instance) group_left c_total",
                "sum by (job) (rate(c_total[5m])) / on (job) group_right sum by (job, tier) (c_total)",
                "c_total * on (job) group_left (i) g{i=~\"g0|g1\"}",
                "c_total > ignoring (tier) c_total",
                "c_total > bool ignoring (tier) c_total",
                "dup + on (a) one",
                "one + on (a) dup",
                "dup * on (a) group_left one",
                "c_total * on (job) g",
                "c_total and g",
                "c_total and on (job) g{i=\"g0\"}",
                "c_total unless on (job) g{i=\"g1\"}",
                "g or c_total",
                "g or on (job) c_total",
                "abs(g)",
                "sqrt(c_total)",
                "ln(g)",
                "log2(c_total)",
                "exp(-g)",
                "sgn(g)",
                "round(rate(c_total[5m]), 0.1)",
                "round(g)",
                "clamp(g, -1, 3)",
                "clamp(g, scalar(g{i=\"g2\"}), 2)",
                "clamp_min(g, 0)",
                "clamp_max(g, 0)",
                "atanh(g / 10)",
                "scalar(g{i=\"g0\"})",
                "vector(scalar(g{i=\"g0\"}))",
                "time()",
                "time() - 60",
                "vector(time()) > 600",
                "-(1 + 2)",
                "pi()",
                "label_replace(rate(c_total[5m]), \"inst\", \"$1-$2\", \"instance\", \"(i)(\\\\d)\")",
                "label_replace(g, \"__name__\", \"renamed\", \"i\", \"g[01]\")",
                "label_replace(-g, \"__name__\", \"renamed_$x\", \"i\", \"(?P<x>g)[01]\")",
                "sum by (dst) (label_replace(c_total, \"dst\", \"$1\", \"tier\", \"t(.*)\"))",
                "label_replace(c_total, \"instance\", \"same\", \"instance\", \".*\")",
                "label_replace(c_total{instance=~\"i[23]\"}, \"instance\", \"same\", \"instance\", \".*\")",
                "label_replace(c_total, \"a\", \"b\", \"c\", \"(\")",
                "label_join(c_total, \"joined\", \"-\", \"job\", \"instance\", \"nope\")",
                "label_join(rate(c_total[5m]), \"__name__\", \"_\", \"job\", \"tier\")",
                "sum_over_time(rate(c_total[5m])[10m:1m])",
                "max_over_time((g > 0)[5m:30s])",
                "max_over_time(sum by (job) (rate(c_total[5m]))[30m:1m] offset 2m)",
                "rate(c_total[10m:])",
                "avg_over_time(last_over_time(g[5m])[7m:45s])",
                "min_over_time(max_over_time(g[2m:20s])[6m:1m])",
                "quantile_over_time(0.9, (g or c_total)[5m:30s])",
                "increase(sum(c_total)[15m:1m])",
                "count_over_time((g > 100)[10m:1m])");
    }

    /** Queries evaluated step by step around subtrees that are evaluated over the whole range first. */
    static Stream<String> partlyWholeRange() {
        return Stream.of(
                "sort_desc(sum by (job) (rate(c_total[5m])))",
                "sort_by_label(g, \"i\")",
                "absent(nonexistent)",
                "absent(g{i=\"g4\"})",
                "count_values(\"v\", round(g))",
                "limitk(2, rate(c_total[5m]))",
                "limit_ratio(0.5, c_total)",
                "sum(c_total @ 600) + sum(rate(c_total[5m]))",
                "rate(c_total[5m]) * on (job) group_left max by (job) (g @ end())",
                "histogram_fraction(0, 1, sum by (job, le) (rate(h_bucket[5m])))",
                "absent_over_time(g[5m]) or vector(scalar(count(g)))",
                // Calendar functions beyond java.time's years (UnixCalendar) over a whole-range operand.
                "year(g * 1e16)",
                "hour(c_total * 1e15) + day_of_week(c_total * -1e14)");
    }

    /** Queries without any part evaluated over the whole range: timestamp() needs samples' times, subqueries. */
    static Stream<String> stepByStepOnly() {
        return Stream.of(
                "timestamp(g)", "timestamp(sum(g)) - time()", "hour(vector(time()))", "max_over_time(g[5m:30s] @ 600)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepByStepOnly")
    void stepByStepOnlyQueriesAreUnaffected(String query) {
        var expr = ExpressionParser.parse(query, PARSER);
        assertThat(RangeSupport.supports(expr)).isFalse();
        assertThat(RangeSupport.wholeRangeSubtrees(expr)).isEmpty();
        compare(query);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("partlyWholeRange")
    void partlyWholeRangeGivesTheSameResultAsStepByStep(String query) {
        var expr = ExpressionParser.parse(query, PARSER);
        assertThat(RangeSupport.supports(expr))
                .as("evaluated over the whole range")
                .isFalse();
        assertThat(RangeSupport.wholeRangeSubtrees(expr))
                .as("parts evaluated over the whole range")
                .isNotEmpty();
        compare(query);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void sameResultAsStepByStep(String query) {
        assertThat(RangeSupport.supports(ExpressionParser.parse(query, PARSER)))
                .as("evaluated over the whole range")
                .isTrue();
        compare(query);
    }

    private void compare(String query) {
        for (long step : new long[] {15_000, 37_000}) {
            Outcome whole = run(wholeRange, query, step);
            Outcome stepwise = run(stepByStep, query, step);
            assertThat(whole.error).as("error").isEqualTo(stepwise.error);
            if (whole.error != null) {
                continue;
            }
            assertThat(whole.series).as("series").isEqualTo(stepwise.series);
            assertThat(whole.result.warnings())
                    .as("warnings")
                    .containsExactlyInAnyOrderElementsOf(stepwise.result.warnings());
            assertThat(whole.result.infos()).as("infos").containsExactlyInAnyOrderElementsOf(stepwise.result.infos());
        }
    }

    private record Outcome(QueryResult result, String series, String error) {}

    private static Outcome run(Engine engine, String query, long step) {
        try {
            QueryResult r = engine.rangeQuery(query, 0, 40 * MIN, step);
            return new Outcome(r, exact((Matrix) r.value()), null);
        } catch (QueryException e) {
            return new Outcome(null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Labels, timestamps and the exact bits of every value. */
    private static String exact(Matrix m) {
        StringBuilder out = new StringBuilder();
        List<Series> series = m.series();
        for (Series s : series) {
            out.append(s.labels()).append(':');
            for (int i = 0; i < s.size(); i++) {
                out.append(' ')
                        .append(s.timestamp(i))
                        .append('=')
                        .append(Long.toHexString(Double.doubleToLongBits(s.value(i))));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
