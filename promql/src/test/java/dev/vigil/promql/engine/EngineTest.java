package dev.vigil.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.Vector;
import dev.vigil.testkit.InMemoryStorage;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EngineTest {
    private static final long MIN = 60_000;
    private final InMemoryStorage storage = new InMemoryStorage();
    private Engine engine;

    @BeforeEach
    void load() throws AppendException {
        Appender app = storage.appender();
        for (int i = 0; i <= 10; i++) {
            app.append(0, Labels.of("__name__", "requests_total", "job", "api"), i * MIN, i * 60);
            app.append(0, Labels.of("__name__", "requests_total", "job", "web"), i * MIN, i * 120);
            app.append(0, Labels.of("__name__", "errors_total", "job", "api"), i * MIN, i);
            app.append(0, Labels.of("__name__", "gauge"), i * MIN, i == 5 ? StaleMarker.STALE_NAN : i);
        }
        app.commit();
        engine = new Engine(storage, EngineOptions.DEFAULT);
    }

    @Test
    void instantQueryReturnsVectorWithNameKeptBySelectorAndDroppedByRate() {
        Vector v = (Vector)
                engine.instantQuery("requests_total{job=\"api\"}", 10 * MIN).value();
        assertThat(v.size()).isEqualTo(1);
        assertThat(v.labels(0)).isEqualTo(Labels.of("__name__", "requests_total", "job", "api"));
        assertThat(v.value(0)).isEqualTo(600);

        Vector rate = (Vector)
                engine.instantQuery("sum(rate(requests_total[5m]))", 10 * MIN).value();
        assertThat(rate.labels(0)).isEqualTo(Labels.EMPTY);
        assertThat(rate.value(0)).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void calendarFunctionsReachAsFarAsPrometheus() {
        // Beyond java.time's year range; Prometheus answers these, they must not fail the query.
        Vector v = (Vector) engine.instantQuery("year(vector(1e17))", 0).value();
        assertThat(v.value(0)).isEqualTo(3168875820.0);
        v = (Vector) engine.instantQuery("hour(vector(-1e18))", 0).value();
        assertThat(v.value(0)).isBetween(0.0, 23.0);
        v = (Vector) engine.instantQuery("month(vector(NaN))", 0).value();
        assertThat(v.value(0)).isNaN();
    }

    @ParameterizedTest(name = "whole range: {0}")
    @ValueSource(booleans = {true, false})
    void calendarFunctionsReachAsFarAsPrometheusInRangeQueries(boolean wholeRange) {
        // The operand is evaluated over the whole range where the engine may; the calendar function step by step.
        Engine e = new Engine(storage, EngineOptions.DEFAULT, wholeRange);
        Matrix m = (Matrix)
                e.rangeQuery("year(gauge * 1e17 + 1e17)", 0, 2 * MIN, MIN).value();
        assertThat(m.series()).hasSize(1);
        Series s = m.series().get(0);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.value(0)).isEqualTo(3168875820.0);
        assertThat(s.value(2)).isGreaterThan(9e9);
    }

    @Test
    void scalarAndStringResults() {
        assertThat(engine.instantQuery("1 + 2 * 3", 0).value()).isEqualTo(new Scalar(7));
        assertThat(engine.instantQuery("\"hi\"", 0).value()).isEqualTo(new StringValue("hi"));
    }

    @Test
    void rangeQueryHasOnePointPerStepAndStaleMarkerEndsSeries() {
        Matrix m = (Matrix) engine.rangeQuery("gauge", 0, 10 * MIN, MIN).value();
        Series s = m.series().get(0);
        assertThat(s.labels().metricName()).isEqualTo("gauge");
        // The stale marker at 5m hides the sample at 4m from the lookback at 5m.
        assertThat(s.size()).isEqualTo(10);
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.timestamp(i)).isNotEqualTo(5 * MIN);
        }
    }

    @Test
    void counterNameInfoAndAnnotationPosition() {
        QueryResult r = engine.instantQuery("rate(gauge[5m])", 10 * MIN);
        assertThat(r.infos())
                .containsExactly("PromQL info: metric might not be a counter, name does not end in"
                        + " _total/_sum/_count/_bucket: \"gauge\" (1:6)");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void duplicateLabelsetAfterNameDropIsAnError() {
        assertThatThrownBy(() -> engine.instantQuery("-{job=\"api\"}", 10 * MIN))
                .isInstanceOf(QueryException.class)
                .hasMessage("vector cannot contain metrics with the same labelset");
    }

    @Test
    void countValuesChecksItsLabelNameWhenEvaluatedAndQuotesBytesLikeGo() {
        assertThatThrownBy(() -> engine.instantQuery("count_values(\"\", gauge)", 10 * MIN))
                .isInstanceOf(QueryException.class)
                .hasMessage("invalid label name \"\"");
        assertThatThrownBy(() -> engine.instantQuery("count_values(\"a\\xc5z\", gauge)", 10 * MIN))
                .isInstanceOf(QueryException.class)
                .hasMessage("invalid label name \"a\\xc5z\"");
        assertThat(((Vector) engine.instantQuery("count_values(\"\\ufffd\", gauge)", 10 * MIN)
                                .value())
                        .labels(0))
                .isEqualTo(Labels.of("\ufffd", "10"));
    }

    @Test
    void typeAndUnitLabelsGoWithTheName() throws AppendException {
        Appender app = storage.appender();
        app.append(0, Labels.of("__name__", "bytes", "__type__", "gauge", "__unit__", "bytes", "a", "1"), 10 * MIN, 5);
        app.commit();
        Vector kept = (Vector) engine.instantQuery("bytes", 10 * MIN).value();
        assertThat(kept.labels(0).has("__type__")).isTrue();
        Vector dropped = (Vector) engine.instantQuery("bytes * 2", 10 * MIN).value();
        assertThat(dropped.labels(0)).isEqualTo(Labels.of("a", "1"));
        Vector joined =
                (Vector) engine.instantQuery("bytes + on(a) bytes", 10 * MIN).value();
        assertThat(joined.labels(0)).isEqualTo(Labels.of("a", "1"));
    }

    @Test
    void tooManySamples() {
        Engine small = new Engine(storage, EngineOptions.DEFAULT.withMaxSamples(5));
        assertThatThrownBy(() -> small.instantQuery("requests_total[10m]", 10 * MIN))
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage("query processing would load too many samples into memory in query execution");
    }

    @Test
    void cancelledQueryFails() {
        CancelHandle cancel = new CancelHandle();
        cancel.cancel();
        assertThatThrownBy(() -> engine.rangeQuery("requests_total", 0, 10 * MIN, 1000, cancel))
                .isInstanceOf(QueryCancelledException.class);
    }

    @Test
    void interruptedThreadCancelsQuery() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> engine.rangeQuery("requests_total", 0, 10 * MIN, 1000))
                    .isInstanceOf(QueryCancelledException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void deadlineIsChecked() {
        Engine tight = new Engine(storage, EngineOptions.DEFAULT.withTimeout(Duration.ofNanos(1)));
        assertThatThrownBy(() -> tight.rangeQuery("requests_total", 0, 10 * MIN, 1000))
                .isInstanceOf(QueryTimeoutException.class)
                .hasMessage("query timed out in query execution");
    }

    @Test
    void badQueriesAndRangesAreRejected() {
        assertThatThrownBy(() -> engine.instantQuery("sum(", 0)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> engine.rangeQuery("gauge", 0, MIN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step");
        assertThatThrownBy(() -> engine.rangeQuery("gauge[5m]", 0, MIN, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range query");
    }

    @Test
    void statsCountSeriesAndSamples() {
        QueryStats stats = engine.rangeQuery("requests_total", 0, 10 * MIN, MIN).stats();
        assertThat(stats.seriesTouched()).isEqualTo(2);
        assertThat(stats.samplesLoaded()).isEqualTo(22);
        assertThat(stats.samplesProcessed()).isGreaterThanOrEqualTo(22);
        assertThat(stats.peakSamples()).isPositive();
        assertThat(stats.evalNanos()).isPositive();
    }

    @Test
    void wholeRangeStatsCountWindowSamplesPerStep() {
        QueryStats stats = engine.rangeQuery("sum(rate(requests_total[5m]))", 5 * MIN, 10 * MIN, MIN)
                .stats();
        // Six steps, each window (t - 5m, t] holding five samples of each of the two series.
        assertThat(stats.samplesPerStep()).containsExactly(10, 10, 10, 10, 10, 10);
        assertThat(stats.samplesProcessed()).isEqualTo(60);
        assertThat(stats.seriesTouched()).isEqualTo(2);
        assertThat(stats.peakSamples()).isPositive();
        // Step by step with a part evaluated over the whole range first: still booked to the right steps.
        QueryStats mixed = engine.rangeQuery("sort(sum(rate(requests_total[5m])))", 5 * MIN, 10 * MIN, MIN)
                .stats();
        assertThat(mixed.samplesPerStep()).containsExactly(10, 10, 10, 10, 10, 10);
    }

    @Test
    void explainSaysHowAQueryRunsAndWhatEachSelectorReads() {
        String range = engine.explain("sum by (job) (rate(requests_total[5m]))", 5 * MIN, 10 * MIN, MIN);
        assertThat(range)
                .isEqualTo("range query: 6 steps of 1m from 1970-01-01T00:05:00Z to 1970-01-01T00:10:00Z, evaluated"
                        + " over the whole range at once, series by series\n"
                        + "Aggregate sum by (job)\n"
                        + "  Call rate\n"
                        + "    MatrixSelector requests_total[5m]  reads samples in (1970-01-01T00:00:00Z,"
                        + " 1970-01-01T00:10:00Z]\n");
        String stepwise = engine.explain("label_replace(gauge @ 120, \"a\", \"b\", \"\", \"\")", 0, MIN, 30_000);
        assertThat(stepwise)
                .startsWith("range query: 3 steps of 30s from 1970-01-01T00:00:00Z to 1970-01-01T00:01:00Z, evaluated"
                        + " step by step\n")
                .contains("Call label_replace  computed once\n")
                .contains("VectorSelector gauge @ 120.000  reads samples in (1969-12-31T23:57:00Z,"
                        + " 1970-01-01T00:02:00Z]\n");
        assertThat(engine.explain("gauge offset 1m", 10 * MIN, 0, 0))
                .isEqualTo("instant query at 1970-01-01T00:10:00Z\n"
                        + "VectorSelector gauge offset 1m  reads samples in (1970-01-01T00:04:00Z,"
                        + " 1970-01-01T00:09:00Z]\n");
    }

    @Test
    void statsSplitProcessedSamplesByStep() {
        // Two series with a sample every minute: a 2m window holds 2 samples per series, one step per minute.
        QueryStats range = engine.rangeQuery("count_over_time(requests_total[2m])", 2 * MIN, 4 * MIN, MIN)
                .stats();
        assertThat(range.samplesPerStep()).containsExactly(4, 4, 4);
        assertThat(range.samplesProcessed()).isEqualTo(12);

        QueryStats instant = engine.instantQuery("requests_total", 4 * MIN).stats();
        assertThat(instant.samplesPerStep()).containsExactly(2);
        assertThat(instant.samplesProcessed()).isEqualTo(2);
    }

    @Test
    void explainPrintsOnePlanLinePerNode() {
        String plan = Explain.plan(
                dev.vigil.promql.parser.ExpressionParser.parse("sum by (job) (rate(requests_total[5m])) > 1"));
        assertThat(plan)
                .isEqualTo("BinaryExpr >\n"
                        + "  Aggregate sum by (job)\n"
                        + "    Call rate\n"
                        + "      MatrixSelector requests_total[5m]\n"
                        + "  NumberLiteral 1\n");
    }
}
