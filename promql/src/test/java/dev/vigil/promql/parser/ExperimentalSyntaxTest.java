package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.promql.ast.AstNormalizer;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.VectorMatching;
import dev.vigil.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax Prometheus puts behind feature flags: fill modifiers and anchored/smoothed range selectors. */
class ExperimentalSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a + fill(0) b | a + fill (0) b",
                "a + on(x) group_left fill_left(1) fill_right(-2) b | a + on (x) group_left () fill_left (1) fill_right (-2) b",
                "a * fill_right(1e-7) fill_left(1e-7) b | a * fill (1e-07) b",
                "a < bool fill_left(5m) b | a < bool fill_left (300) b",
                "fill + fill_left | fill + fill_left",
                "foo[5m] anchored @ 10 offset 1m | foo[5m] anchored @ 10.000 offset 1m",
                "foo offset 1m smoothed | foo smoothed offset 1m",
                "anchored{smoothed=\"1\"} | anchored{smoothed=\"1\"}",
                "foo[5m * 2] | foo[5m * 2]",
                "foo[200-min_of(-step()^+step(),1)] | foo[200 - min_of(-step() ^ step(), 1)]",
                "foo[(5m):(1m)] offset -(step()) | foo[(5m):(1m)] offset -(step())",
                "foo offset +(5) | foo offset (5)",
                "foo offset -min_of(10s, +max_of(step() ^ 2, 2)) | foo offset -min_of(10s, max_of(step() ^ 2, 2))",
                "foo[-5m+35m] | foo[-5m + 35m]",
                "x offset 100 + 2 | x offset 1m40s + 2",
                "rate(x[RANGE()] @ end()) | rate(x[range()] @ end())"
            })
    void parsesAndPrintsWhenEnabled(String query, String canonical) {
        Expr expr = ExpressionParser.parse(query, ParserOptions.ALL_FEATURES);
        assertThat(expr).hasToString(canonical);
        assertThat(AstNormalizer.withoutPositions(ExpressionParser.parse(canonical, ParserOptions.ALL_FEATURES)))
                .isEqualTo(AstNormalizer.withoutPositions(expr));
    }

    @Test
    void recordsFillValuesAndRangeModifier() {
        Binary b = (Binary) ExpressionParser.parse("a - fill_right(-Inf) b", ParserOptions.ALL_FEATURES);
        VectorMatching vm = b.matching();
        assertThat(vm.fillLeft()).isEmpty();
        assertThat(vm.fillRight()).isEqualTo(OptionalDouble.of(Double.NEGATIVE_INFINITY));
        MatrixSelector ms = (MatrixSelector) ExpressionParser.parse("x[1m] smoothed", ParserOptions.ALL_FEATURES);
        assertThat(ms.selector().rangeModifier()).isEqualTo(RangeModifier.SMOOTHED);
    }

    @Test
    void durationExpressionsAreResolvedPerQuery() {
        MatrixSelector ms = (MatrixSelector)
                ExpressionParser.parse("x[max_of(step() * 2, 1m) + range() % 7s]", ParserOptions.ALL_FEATURES);
        assertThat(ms.range()).isZero();
        assertThat(ms.rangeExpr().seconds(45, 20)).isEqualTo(90 + 6);
        assertThat(ms.rangeExpr().seconds(0, 0)).isEqualTo(60);
        Subquery sq = (Subquery) ExpressionParser.parse("x[1h:step()] offset -(2 ^ 3)", ParserOptions.ALL_FEATURES);
        assertThat(sq.range()).isEqualTo(Duration.ofHours(1));
        assertThat(sq.rangeExpr()).isNull();
        assertThat(sq.stepExpr().seconds(15, 0)).isEqualTo(15);
        assertThat(sq.offsetExpr().seconds(15, 0)).isEqualTo(-8);
        Binary b = (Binary) ExpressionParser.parse("x offset -2 ^ 2", ParserOptions.ALL_FEATURES);
        assertThat(((VectorSelector) b.lhs()).offset()).isEqualTo(Duration.ofSeconds(-2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "foo[5s/0d] | 6 | division by zero",
                "foo[step()/0d] | 10 | division by zero",
                "foo offset (4d % 0) | 15 | modulo by zero",
                "foo[bar()] | 4 | unexpected character in duration expression: 'b'",
                "foo offset bar() | 11 | unexpected identifier \"bar\" in offset, expected number, duration, step(), or range()",
                "foo[min_of()] | 4 | wrong number of arguments for min_of(), expected 2, got 0",
                "foo[1m:5m*0.5] @ 1 @ 2 | 0 | @ <timestamp> may not be set multiple times"
            })
    void rejectsBadDurationExpressions(String query, int offset, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(query, ParserOptions.ALL_FEATURES))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a + fill(0) b | 0 | binop fill modifiers are experimental and not enabled",
                "foo[5m] anchored | 0 | anchored modifier is experimental and not enabled",
                "foo smoothed | 0 | smoothed modifier is experimental and not enabled"
            })
    void rejectedByDefault(String query, int offset, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(query)).isInstanceOfSatisfying(ParseException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a and fill(1) b | 0 | filling in missing series not allowed for set operators",
                "1 + fill(0) a | 0 | filling in missing series only allowed between instant vectors",
                "foo[5m] anchored smoothed | 0 | anchored and smoothed modifiers cannot be used together",
                "foo[5m:] anchored | 0 | anchored modifier is not supported for subqueries",
                "sum(x) smoothed | 0 | smoothed modifier not implemented",
                "1[5m] anchored | 1 | ranges only allowed for vector selectors"
            })
    void rejectsMisuseWhenEnabled(String query, int offset, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(query, ParserOptions.ALL_FEATURES))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }
}
