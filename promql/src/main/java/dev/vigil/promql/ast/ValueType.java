package dev.vigil.promql.ast;

/** The type an expression evaluates to (querying/basics.md, "Expression language data types"). */
public enum ValueType {
    SCALAR("scalar", "scalar"),
    INSTANT_VECTOR("instant vector", "vector"),
    RANGE_VECTOR("range vector", "matrix"),
    STRING("string", "string");

    private final String documentedName;
    private final String apiName;

    ValueType(String documentedName, String apiName) {
        this.documentedName = documentedName;
        this.apiName = apiName;
    }

    /** The name Prometheus uses in documentation and most error messages, e.g. "instant vector". */
    public String documentedName() {
        return documentedName;
    }

    /** The name of the HTTP API's {@code resultType}, e.g. "vector" or "matrix". */
    public String apiName() {
        return apiName;
    }
}
