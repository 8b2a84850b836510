package dev.vigil.promql.ast;

import static dev.vigil.promql.ast.ValueType.INSTANT_VECTOR;
import static dev.vigil.promql.ast.ValueType.RANGE_VECTOR;
import static dev.vigil.promql.ast.ValueType.SCALAR;
import static dev.vigil.promql.ast.ValueType.STRING;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signatures of every function of Prometheus 3.x (querying/functions.md). Implementations live in the engine;
 * this registry is what the parser type-checks calls against. Immutable and thread-safe.
 */
public final class Functions {
    private static final Map<String, FunctionSignature> BY_NAME = build();

    private Functions() {}

    public static Optional<FunctionSignature> get(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** All signatures, sorted by name. */
    public static Collection<FunctionSignature> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    private static Map<String, FunctionSignature> build() {
        Map<String, FunctionSignature> m = new TreeMap<>();
        for (String name : List.of(
                "abs",
                "absent",
                "acos",
                "acosh",
                "asin",
                "asinh",
                "atan",
                "atanh",
                "ceil",
                "cos",
                "cosh",
                "deg",
                "exp",
                "floor",
                "histogram_avg",
                "histogram_count",
                "histogram_stddev",
                "histogram_stdvar",
                "histogram_sum",
                "ln",
                "log10",
                "log2",
                "rad",
                "sgn",
                "sin",
                "sinh",
                "sort",
                "sort_desc",
                "sqrt",
                "tan",
                "tanh",
                "timestamp")) {
            put(m, name, List.of(INSTANT_VECTOR), 0, INSTANT_VECTOR, false);
        }
        for (String name : List.of(
                "absent_over_time",
                "avg_over_time",
                "changes",
                "count_over_time",
                "delta",
                "deriv",
                "idelta",
                "increase",
                "irate",
                "last_over_time",
                "max_over_time",
                "min_over_time",
                "present_over_time",
                "rate",
                "resets",
                "stddev_over_time",
                "stdvar_over_time",
                "sum_over_time")) {
            put(m, name, List.of(RANGE_VECTOR), 0, INSTANT_VECTOR, false);
        }
        for (String name : List.of(
                "first_over_time",
                "mad_over_time",
                "ts_of_first_over_time",
                "ts_of_last_over_time",
                "ts_of_max_over_time",
                "ts_of_min_over_time")) {
            put(m, name, List.of(RANGE_VECTOR), 0, INSTANT_VECTOR, true);
        }
        for (String name : List.of(
                "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
            put(m, name, List.of(INSTANT_VECTOR), 1, INSTANT_VECTOR, false);
        }
        put(m, "clamp", List.of(INSTANT_VECTOR, SCALAR, SCALAR), 0, INSTANT_VECTOR, false);
        put(m, "clamp_max", List.of(INSTANT_VECTOR, SCALAR), 0, INSTANT_VECTOR, false);
        put(m, "clamp_min", List.of(INSTANT_VECTOR, SCALAR), 0, INSTANT_VECTOR, false);
        put(m, "double_exponential_smoothing", List.of(RANGE_VECTOR, SCALAR, SCALAR), 0, INSTANT_VECTOR, true);
        put(m, "histogram_fraction", List.of(SCALAR, SCALAR, INSTANT_VECTOR), 0, INSTANT_VECTOR, false);
        put(m, "histogram_quantile", List.of(SCALAR, INSTANT_VECTOR), 0, INSTANT_VECTOR, false);
        put(m, "histogram_quantiles", List.of(INSTANT_VECTOR, STRING, SCALAR, SCALAR), 9, INSTANT_VECTOR, true);
        put(m, "info", List.of(INSTANT_VECTOR, INSTANT_VECTOR), 1, INSTANT_VECTOR, true);
        put(m, "label_join", List.of(INSTANT_VECTOR, STRING, STRING, STRING), -1, INSTANT_VECTOR, false);
        put(m, "label_replace", List.of(INSTANT_VECTOR, STRING, STRING, STRING, STRING), 0, INSTANT_VECTOR, false);
        put(m, "pi", List.of(), 0, SCALAR, false);
        put(m, "predict_linear", List.of(RANGE_VECTOR, SCALAR), 0, INSTANT_VECTOR, false);
        put(m, "quantile_over_time", List.of(SCALAR, RANGE_VECTOR), 0, INSTANT_VECTOR, false);
        put(m, "round", List.of(INSTANT_VECTOR, SCALAR), 1, INSTANT_VECTOR, false);
        put(m, "scalar", List.of(INSTANT_VECTOR), 0, SCALAR, false);
        put(m, "sort_by_label", List.of(INSTANT_VECTOR, STRING), -1, INSTANT_VECTOR, true);
        put(m, "sort_by_label_desc", List.of(INSTANT_VECTOR, STRING), -1, INSTANT_VECTOR, true);
        put(m, "start_timestamp", List.of(INSTANT_VECTOR), 0, INSTANT_VECTOR, true);
        put(m, "time", List.of(), 0, SCALAR, false);
        put(m, "vector", List.of(SCALAR), 0, INSTANT_VECTOR, false);
        // Query-range helpers from Prometheus's duration expressions; also callable as scalar functions.
        for (String name : List.of("start", "end", "step", "range")) {
            put(m, name, List.of(), 0, SCALAR, true);
        }
        put(m, "max_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
        put(m, "min_of", List.of(SCALAR, SCALAR), 0, SCALAR, true);
        return Collections.unmodifiableMap(m);
    }

    private static void put(
            Map<String, FunctionSignature> m,
            String name,
            List<ValueType> args,
            int variadic,
            ValueType returnType,
            boolean experimental) {
        if (m.put(name, new FunctionSignature(name, args, variadic, returnType, experimental)) != null) {
            throw new IllegalStateException("BUG: function " + name + " registered twice");
        }
    }
}
