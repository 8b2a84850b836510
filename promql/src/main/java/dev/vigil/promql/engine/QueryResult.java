package dev.vigil.promql.engine;

import dev.vigil.promql.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a successful query.
 *
 * @param value a {@link dev.vigil.promql.value.Scalar}, {@link dev.vigil.promql.value.StringValue}, {@link
 *     dev.vigil.promql.value.Vector} (instant query) or {@link dev.vigil.promql.value.Matrix} (range query, or an
 *     instant query of a range vector); matrix series are sorted by labels
 * @param timeMs the evaluation time of an instant query, the end of a range query
 * @param warnings messages such as {@code PromQL warning: ... (1:6)}, each once
 * @param infos messages such as {@code PromQL info: metric might not be a counter, ...}, each once
 * @param stats what the query read and how long its phases took
 */
public record QueryResult(Value value, long timeMs, List<String> warnings, List<String> infos, QueryStats stats) {
    public QueryResult {
        Objects.requireNonNull(value, "value");
        warnings = List.copyOf(warnings);
        infos = List.copyOf(infos);
    }
}
