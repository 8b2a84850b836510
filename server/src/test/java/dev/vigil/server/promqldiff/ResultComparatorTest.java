package dev.vigil.server.promqldiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResultComparatorTest {
    private static final String A = "{\"__name__\":\"up\",\"job\":\"a\"}";
    private static final String B = "{\"__name__\":\"up\",\"job\":\"b\"}";

    @ParameterizedTest
    @CsvSource({
        "1, 1, true",
        "1, 1.0000005, true",
        "1, 1.000002, false",
        "1e300, 1.0000001e300, true",
        "0, 1e-300, false",
        "-0, 0, true",
        "NaN, NaN, true",
        "NaN, 1, false",
        "+Inf, +Inf, true",
        "+Inf, -Inf, false",
        "+Inf, 1e308, false",
    })
    void valuesAreEqualWithinOneMillionthRelative(String a, String b, boolean equal) {
        assertThat(ResultComparator.sameValue(a, b)).isEqualTo(equal);
        assertThat(ResultComparator.sameValue(b, a)).isEqualTo(equal);
    }

    static Stream<Arguments> answers() {
        String vectorAB = vector(A, "1", B, "2");
        return Stream.of(
                arguments("same vector", vectorAB, vectorAB, false, null),
                arguments("series order is free", vectorAB, vector(B, "2", A, "1"), false, null),
                arguments("order matters where defined", vectorAB, vector(B, "2", A, "1"), true, "order differs"),
                arguments("equal values may swap", vector(A, "1", B, "1"), vector(B, "1", A, "1"), true, null),
                arguments("value", vectorAB, vector(A, "1", B, "2.1"), false, "value at"),
                arguments(
                        "missing series", vector(A, "1"), vectorAB, false, "Vigil lacks {__name__=\"up\", job=\"b\"}"),
                arguments("extra series", vectorAB, vector(A, "1"), false, "has extra {__name__=\"up\", job=\"b\"}"),
                arguments(
                        "result type",
                        vectorAB,
                        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\","
                                + "\"result\":[1701390000.777,\"1\"]}}",
                        false,
                        "result types differ"),
                arguments("same error type", error("bad_data", "x"), error("bad_data", "y"), false, null),
                arguments(
                        "other error type",
                        error("bad_data", "x"),
                        error("execution", "x"),
                        false,
                        "error types differ"),
                arguments(
                        "error against data",
                        error("execution", "boom"),
                        vectorAB,
                        false,
                        "Vigil execution (boom), Prometheus vector of 2 series"),
                arguments(
                        "matrix times",
                        matrix("[1701390000.777,\"1\"],[1701390060.777,\"2\"]"),
                        matrix("[1701390000.777,\"1\"],[1701390061,\"2\"]"),
                        false,
                        "point 1 at different times"),
                arguments(
                        "matrix length",
                        matrix("[1701390000.777,\"1\"]"),
                        matrix("[1701390000.777,\"1\"],[1701390060.777,\"2\"]"),
                        false,
                        "Prometheus has 1 more points"),
                arguments(
                        "matrix same",
                        matrix("[1701390000.777,\"NaN\"]"),
                        matrix("[1701390000.777,\"NaN\"]"),
                        false,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void comparesAnswers(String name, String vigil, String prometheus, boolean ordered, String difference) {
        String actual =
                ResultComparator.difference(ApiResult.parse(200, vigil), ApiResult.parse(200, prometheus), ordered);
        if (difference == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).contains(difference);
        }
    }

    @Test
    void timestampsBecomeExactMilliseconds() {
        ApiResult r = ApiResult.parse(200, matrix("[1701390000.777,\"1\"],[1701390060,\"2\"]"));
        assertThat(r.series().get(0).points())
                .extracting(ApiResult.Point::timeMs)
                .containsExactly(1_701_390_000_777L, 1_701_390_060_000L);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sort(up) | true",
                "(sort_desc(up)) | true",
                "topk(3, up) | true",
                "bottomk(1, up) | true",
                "topk by (job) (1, up) | false",
                "sort(up) + 1 | false",
                "sum(up) | false",
                "up[ | false",
            })
    void orderMattersOnlyWherePrometheusDefinesIt(String expr, boolean ordered) {
        assertThat(PromqlDifferentialTest.ordered(expr)).isEqualTo(ordered);
    }

    private static String vector(String... metricValuePairs) {
        StringBuilder b = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < metricValuePairs.length; i += 2) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"metric\":")
                    .append(metricValuePairs[i])
                    .append(",\"value\":[1701390000.777,\"")
                    .append(metricValuePairs[i + 1])
                    .append("\"]}");
        }
        return b.append("]}}").toString();
    }

    private static String matrix(String points) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":" + A
                + ",\"values\":[" + points + "]}]}}";
    }

    private static String error(String type, String message) {
        return "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}";
    }
}
