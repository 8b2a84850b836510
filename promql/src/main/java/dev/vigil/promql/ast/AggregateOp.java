package dev.vigil.promql.ast;

import java.util.Locale;

/** Aggregation operators (operators.md), with the type of their parameter if they take one. */
public enum AggregateOp {
    SUM(null, false),
    AVG(null, false),
    COUNT(null, false),
    MIN(null, false),
    MAX(null, false),
    GROUP(null, false),
    STDDEV(null, false),
    STDVAR(null, false),
    TOPK(ValueType.SCALAR, false),
    BOTTOMK(ValueType.SCALAR, false),
    COUNT_VALUES(ValueType.STRING, false),
    QUANTILE(ValueType.SCALAR, false),
    LIMITK(ValueType.SCALAR, true),
    LIMIT_RATIO(ValueType.SCALAR, true);

    private final ValueType parameterType;
    private final boolean experimental;

    AggregateOp(ValueType parameterType, boolean experimental) {
        this.parameterType = parameterType;
        this.experimental = experimental;
    }

    /** The PromQL keyword, e.g. {@code count_values}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean hasParameter() {
        return parameterType != null;
    }

    /** The type of the first argument, or {@code null} if this operator takes no parameter. */
    public ValueType parameterType() {
        return parameterType;
    }

    /** Behind Prometheus's {@code promql-experimental-functions} feature flag. */
    public boolean experimental() {
        return experimental;
    }
}
