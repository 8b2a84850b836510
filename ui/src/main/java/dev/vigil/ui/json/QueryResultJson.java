package dev.vigil.ui.json;

import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Series;
import dev.vigil.promql.value.StringValue;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import dev.vigil.ui.json.FloatFormatter.Style;
import java.io.IOException;

/**
 * Writes a query result in the shapes of Prometheus's {@code /api/v1/query} and {@code /api/v1/query_range}:
 *
 * <ul>
 *   <li>scalar: {@code [1435781451.781, "1"]}, string: {@code [1435781451.781, "text"]} (time as a JSON number,
 *       scalar value without exponent, as Prometheus's {@code Scalar}/{@code String} marshal themselves);
 *   <li>vector: {@code [{"metric": {...}, "value": [1435781451.781, "1"]}, ...]};
 *   <li>matrix: {@code [{"metric": {...}, "values": [[1435781451.781, "1"], ...]}, ...]}.
 * </ul>
 *
 * Series and samples stream straight from the engine's primitive arrays. Stateless.
 */
public final class QueryResultJson {
    private QueryResultJson() {}

    /**
     * Writes {@code result} as a JSON value.
     *
     * @param timeMs the evaluation time, used for scalar and string results
     * @param limit the most series or vector elements to write; 0 for all
     */
    public static void write(ApiJson json, Value result, long timeMs, int limit) throws IOException {
        if (result instanceof Scalar s) {
            json.startArray();
            json.jsonNumber(timeMs / 1000.0);
            json.floatString(s.value(), Style.FIXED);
            json.endArray();
        } else if (result instanceof StringValue s) {
            json.startArray();
            json.jsonNumber(timeMs / 1000.0);
            json.string(s.value());
            json.endArray();
        } else if (result instanceof Vector v) {
            writeVector(json, v, limit);
        } else if (result instanceof Matrix m) {
            writeMatrix(json, m, limit);
        } else {
            throw new IllegalArgumentException("unknown result type " + result.getClass());
        }
    }

    /** Whether {@code limit} leaves series or vector elements of {@code result} out. */
    public static boolean truncatedBy(Value result, int limit) {
        if (limit <= 0) {
            return false;
        }
        if (result instanceof Vector v) {
            return v.size() > limit;
        }
        return result instanceof Matrix m && m.series().size() > limit;
    }

    private static void writeVector(ApiJson json, Vector v, int limit) throws IOException {
        int n = limit > 0 ? Math.min(limit, v.size()) : v.size();
        json.startArray();
        for (int i = 0; i < n; i++) {
            json.startObject();
            json.field("metric");
            json.labels(v.labels(i));
            json.field("value");
            json.startArray();
            json.sampleTimestamp(v.timestamp(i));
            json.sampleValue(v.value(i));
            json.endArray();
            json.endObject();
        }
        json.endArray();
    }

    private static void writeMatrix(ApiJson json, Matrix m, int limit) throws IOException {
        int n = limit > 0 ? Math.min(limit, m.series().size()) : m.series().size();
        json.startArray();
        for (int i = 0; i < n; i++) {
            Series s = m.series().get(i);
            json.startObject();
            json.field("metric");
            json.labels(s.labels());
            if (s.size() > 0) {
                json.field("values");
                json.startArray();
                for (int j = 0; j < s.size(); j++) {
                    json.startArray();
                    json.sampleTimestamp(s.timestamp(j));
                    json.sampleValue(s.value(j));
                    json.endArray();
                }
                json.endArray();
            }
            json.endObject();
        }
        json.endArray();
    }
}
