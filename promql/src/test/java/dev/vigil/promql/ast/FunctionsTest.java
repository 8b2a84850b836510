package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionsTest {
    /** Every function of Prometheus 3.x's functions.md at the time of writing. */
    private static final List<String> DOCUMENTED = List.of(
            "abs",
            "absent",
            "absent_over_time",
            "acos",
            "acosh",
            "asin",
            "asinh",
            "atan",
            "atanh",
            "avg_over_time",
            "ceil",
            "changes",
            "clamp",
            "clamp_max",
            "clamp_min",
            "cos",
            "cosh",
            "count_over_time",
            "days_in_month",
            "day_of_month",
            "day_of_week",
            "day_of_year",
            "deg",
            "delta",
            "deriv",
            "exp",
            "floor",
            "histogram_avg",
            "histogram_count",
            "histogram_fraction",
            "histogram_quantile",
            "histogram_stddev",
            "histogram_stdvar",
            "histogram_sum",
            "double_exponential_smoothing",
            "hour",
            "idelta",
            "increase",
            "info",
            "irate",
            "label_replace",
            "label_join",
            "last_over_time",
            "ln",
            "log10",
            "log2",
            "mad_over_time",
            "max_over_time",
            "min_over_time",
            "minute",
            "month",
            "pi",
            "predict_linear",
            "present_over_time",
            "quantile_over_time",
            "rad",
            "rate",
            "resets",
            "round",
            "scalar",
            "sgn",
            "sin",
            "sinh",
            "sort",
            "sort_by_label",
            "sort_by_label_desc",
            "sort_desc",
            "sqrt",
            "stddev_over_time",
            "stdvar_over_time",
            "sum_over_time",
            "tan",
            "tanh",
            "time",
            "timestamp",
            "vector",
            "year",
            "first_over_time",
            "ts_of_first_over_time",
            "ts_of_last_over_time",
            "ts_of_max_over_time",
            "ts_of_min_over_time",
            "histogram_quantiles",
            "start_timestamp",
            "start",
            "end",
            "step",
            "range",
            "min_of",
            "max_of");

    @Test
    void registersEveryDocumentedFunction() {
        for (String name : DOCUMENTED) {
            assertThat(Functions.get(name)).as(name).isPresent();
        }
        assertThat(Functions.all()).hasSameSizeAs(DOCUMENTED);
        assertThat(Functions.get("holt_winters")).isEmpty();
    }

    @Test
    void marksExperimentalFunctions() {
        assertThat(Functions.get("rate").orElseThrow().experimental()).isFalse();
        assertThat(Functions.get("mad_over_time").orElseThrow().experimental()).isTrue();
        assertThat(Functions.get("sort_by_label").orElseThrow().experimental()).isTrue();
        assertThat(Functions.get("double_exponential_smoothing").orElseThrow().experimental())
                .isTrue();
        assertThat(Functions.get("info").orElseThrow().experimental()).isTrue();
    }

    @Test
    void countsOptionalAndRepeatedArguments() {
        FunctionSignature round = Functions.get("round").orElseThrow();
        assertThat(round.minArgs()).isEqualTo(1);
        assertThat(round.maxArgs()).isEqualTo(2);
        FunctionSignature year = Functions.get("year").orElseThrow();
        assertThat(year.minArgs()).isZero();
        assertThat(year.maxArgs()).isEqualTo(1);
        FunctionSignature labelJoin = Functions.get("label_join").orElseThrow();
        assertThat(labelJoin.minArgs()).isEqualTo(3);
        assertThat(labelJoin.maxArgs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(labelJoin.argType(7)).isEqualTo(ValueType.STRING);
        FunctionSignature clamp = Functions.get("clamp").orElseThrow();
        assertThat(clamp.minArgs()).isEqualTo(3);
        assertThat(clamp.maxArgs()).isEqualTo(3);
        assertThat(clamp.argType(0)).isEqualTo(ValueType.INSTANT_VECTOR);
        assertThat(Functions.get("quantile_over_time").orElseThrow().argTypes())
                .containsExactly(ValueType.SCALAR, ValueType.RANGE_VECTOR);
        assertThat(Functions.get("scalar").orElseThrow().returnType()).isEqualTo(ValueType.SCALAR);
    }
}
