package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.promql.ast.AstNormalizer;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.VectorMatching;
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
                "anchored{smoothed=\"1\"} | anchored{smoothed=\"1\"}"
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
