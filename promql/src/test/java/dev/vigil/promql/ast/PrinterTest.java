package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrinterTest {
    private static final PositionRange NONE = PositionRange.NONE;

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
        "0, 0s",
        "1, 1ms",
        "1500, 1s500ms",
        "90000, 1m30s",
        "5400000, 1h30m",
        "86400000, 1d",
        "691200000, 1w1d",
        "31536000000, 1y",
        "31622400000, 1y1d",
        "45296000, 12h34m56s"
    })
    void formatsDurationsLikeModelDuration(long millis, String expected) {
        assertThat(Printer.formatDuration(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void dropsSubMillisecondPartsAndRejectsNegativeDurations() {
        assertThat(Printer.formatDuration(Duration.ofNanos(1_999_999))).isEqualTo("1ms");
        assertThat(Printer.formatDuration(Duration.ofNanos(999_999))).isEqualTo("0s");
        assertThatThrownBy(() -> Printer.formatDuration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1, 1",
        "-2.5, -2.5",
        "0.1, 0.1",
        "1e21, 1000000000000000000000",
        "1.5e-7, 0.00000015",
        "123456789.125, 123456789.125",
        "Infinity, +Inf",
        "-Infinity, -Inf",
        "NaN, NaN",
        "-0.0, -0"
    })
    void formatsNumbersWithoutExponent(double value, String expected) {
        assertThat(Printer.formatNumber(value)).isEqualTo(expected);
    }

    @Test
    void quotesStringsWithGoEscapes() {
        assertThat(Printer.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Printer.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Printer.quote("\n\t\r\u0007\u000b\b\f")).isEqualTo("\"\\n\\t\\r\\a\\v\\b\\f\"");
        assertThat(Printer.quote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
        assertThat(Printer.quote("\u200b")).isEqualTo("\"\\u200b\"");
        assertThat(Printer.quote("é😀 ")).isEqualTo("\"é😀 \"");
    }

    @Test
    void quotesLabelNamesOnlyWhenNotLegacy() {
        assertThat(Printer.labelName("job")).isEqualTo("job");
        assertThat(Printer.labelName("_a1")).isEqualTo("_a1");
        assertThat(Printer.labelName("1a")).isEqualTo("\"1a\"");
        assertThat(Printer.labelName("a.b")).isEqualTo("\"a.b\"");
        assertThat(Printer.labelName("")).isEqualTo("\"\"");
    }

    @Test
    void printsTreesBuiltInCode() {
        VectorSelector vs = new VectorSelector(
                "http_requests_total",
                List.of(new LabelMatcher(MatchType.REGEX, "code", "5.."), new LabelMatcher(MatchType.EQUAL, "a", "b")),
                Duration.ofMinutes(-5),
                AtModifier.END,
                NONE);
        MatrixSelector range = new MatrixSelector(vs, Duration.ofMinutes(5), NONE);
        Call rate = new Call(Functions.get("rate").orElseThrow(), List.of(range), NONE);
        Aggregate sum = new Aggregate(AggregateOp.SUM, rate, null, List.of("job", "k.8s"), false, NONE);
        Binary ratio =
                new Binary(BinaryOp.DIV, sum, new Paren(new NumberLiteral(60, true, NONE), NONE), false, null, NONE);
        assertThat(ratio)
                .hasToString("sum by (job, \"k.8s\") (rate(http_requests_total{a=\"b\",code=~\"5..\"}[5m] @ end()"
                        + " offset -5m)) / (1m)");
        Subquery sq = new Subquery(
                new Unary(true, vs.withOffset(Duration.ZERO, NONE).withAt(AtModifier.NONE, NONE), NONE),
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                Duration.ofDays(1),
                AtModifier.at(1_000),
                NONE);
        assertThat(sq).hasToString("-http_requests_total{a=\"b\",code=~\"5..\"}[1h:30s] @ 1.000 offset 1d");
    }

    @Test
    void printsVectorMatchingAndGroupingModifiers() {
        VectorSelector a = new VectorSelector("a", List.of(), Duration.ZERO, AtModifier.NONE, NONE);
        VectorSelector b = new VectorSelector("b", List.of(), Duration.ZERO, AtModifier.NONE, NONE);
        assertThat(new Binary(BinaryOp.GTE, a, b, true, VectorMatching.DEFAULT, NONE))
                .hasToString("a >= bool b");
        assertThat(new Binary(
                        BinaryOp.MUL,
                        a,
                        b,
                        false,
                        new VectorMatching(Cardinality.ONE_TO_MANY, false, List.of(), List.of("x")),
                        NONE))
                .hasToString("a * ignoring () group_right (x) b");
        assertThat(new Aggregate(AggregateOp.COUNT, a, null, List.of(), true, NONE))
                .hasToString("count without () (a)");
        assertThat(new Aggregate(AggregateOp.QUANTILE, a, new NumberLiteral(0.5, NONE), List.of(), false, NONE))
                .hasToString("quantile(0.5, a)");
    }

    @Test
    void printsPowerBasesSoThatTheyReadBackAsTheSamePower() {
        NumberLiteral two = new NumberLiteral(2, NONE);
        assertThat(new Binary(BinaryOp.POW, new NumberLiteral(Double.POSITIVE_INFINITY, NONE), two, false, null, NONE))
                .hasToString("Inf ^ 2");
        assertThat(new Binary(BinaryOp.POW, new NumberLiteral(-3, NONE), two, false, null, NONE))
                .hasToString("(-3) ^ 2");
        assertThat(new Binary(BinaryOp.POW, two, new NumberLiteral(-3, NONE), false, null, NONE))
                .hasToString("2 ^ -3");
        assertThat(new Binary(BinaryOp.ADD, new NumberLiteral(Double.POSITIVE_INFINITY, NONE), two, false, null, NONE))
                .hasToString("+Inf + 2");
    }

    @Test
    void printsLargeDurationLiteralsExactly() {
        assertThat(new NumberLiteral(113623944.0 * 3600, true, NONE)).hasToString("12970y40w1d");
        assertThat(new NumberLiteral(-1.001, true, NONE)).hasToString("-1s1ms");
    }
}
