package dev.vigil.server.promqldiff;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One answer of {@code /api/v1/query} or {@code /api/v1/query_range}, reduced to what the differential test compares:
 * success or the error type, the result type, and the series in the order the server sent them (a scalar or string
 * is one series without labels). Timestamps are converted to exact milliseconds; values stay as sent.
 *
 * @param errorType null on success
 * @param annotations number of warnings plus infos
 */
record ApiResult(
        int httpStatus, String errorType, String error, String resultType, List<Series> series, int annotations) {

    /** One series: its labels (sorted by name) and its points. */
    record Series(Map<String, String> labels, List<Point> points) {
        String key() {
            StringBuilder b = new StringBuilder("{");
            labels.forEach((name, value) -> {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append(name).append("=\"").append(value).append('"');
            });
            return b.append('}').toString();
        }
    }

    /** A point as sent: milliseconds and the value string ({@code "NaN"}, {@code "+Inf"}, ...). */
    record Point(long timeMs, String value) {
        @Override
        public String toString() {
            return SyntheticMetrics.seconds(timeMs) + "=" + value;
        }
    }

    boolean failed() {
        return errorType != null;
    }

    /** Parses a response body; anything that is not Prometheus's JSON shape becomes an {@code unparsable} error. */
    static ApiResult parse(int httpStatus, String body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException e) {
            return new ApiResult(httpStatus, "unparsable", abbreviate(body), null, List.of(), 0);
        }
        int annotations = size(json.getJsonArray("warnings")) + size(json.getJsonArray("infos"));
        if (!"success".equals(json.getString("status"))) {
            return new ApiResult(
                    httpStatus,
                    json.getString("errorType", "missing"),
                    json.getString("error"),
                    null,
                    List.of(),
                    annotations);
        }
        JsonObject data = json.getJsonObject("data");
        String type = data.getString("resultType");
        List<Series> series = new ArrayList<>();
        switch (type) {
            case "scalar", "string" -> series.add(new Series(Map.of(), List.of(point(data.getJsonArray("result")))));
            case "vector", "matrix" -> {
                for (Object o : data.getJsonArray("result")) {
                    JsonObject s = (JsonObject) o;
                    Map<String, String> labels = new TreeMap<>();
                    s.getJsonObject("metric").forEach(e -> labels.put(e.getKey(), (String) e.getValue()));
                    List<Point> points = new ArrayList<>();
                    if (type.equals("vector")) {
                        points.add(point(s.getJsonArray("value")));
                    } else {
                        for (Object p : s.getJsonArray("values")) {
                            points.add(point((JsonArray) p));
                        }
                    }
                    series.add(new Series(labels, points));
                }
            }
            default -> {
                return new ApiResult(httpStatus, "unparsable", "result type " + type, null, List.of(), annotations);
            }
        }
        return new ApiResult(httpStatus, null, null, type, series, annotations);
    }

    private static Point point(JsonArray pair) {
        // Seconds with at most three decimals; a double holds them to well under a millisecond.
        double seconds = ((Number) pair.getValue(0)).doubleValue();
        return new Point(Math.round(seconds * 1000), pair.getString(1));
    }

    private static int size(JsonArray array) {
        return array == null ? 0 : array.size();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** A short description for mismatch reports. */
    String summary() {
        if (failed()) {
            return errorType + " (" + error + ")";
        }
        int points = series.stream().mapToInt(s -> s.points().size()).sum();
        return resultType + " of " + series.size() + " series, " + points + " points";
    }
}
