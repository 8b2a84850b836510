package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.promql.parser.ExpressionParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected texts are what Prometheus's /api/v1/format_query returned for the same queries. */
class PrettierTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sum(rate(foo{a=\"b\"}[5m]))by(job)", "sum by (job) (rate(foo{a=\"b\"}[5m]))"),
                Arguments.of(
                        "sum by (job, instance) (rate(http_requests_total{job=\"api-server\", handler=~\"/api/v1/.*\","
                                + " code!~\"5..\"}[5m])) / on (job) group_left (team) sum by (job)"
                                + " (rate(http_requests_total[5m]))",
                        "  sum by (job, instance) (\n"
                                + "    rate(http_requests_total{code!~\"5..\",handler=~\"/api/v1/.*\",job=\"api-server\"}[5m])\n"
                                + "  )\n"
                                + "/ on (job) group_left (team)\n"
                                + "  sum by (job) (rate(http_requests_total[5m]))"),
                Arguments.of(
                        "histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket"
                                + "{job=\"api-server\", handler=\"/api/v1/query_range\"}[5m])))",
                        "histogram_quantile(\n"
                                + "  0.99,\n"
                                + "  sum by (le, job) (\n"
                                + "    rate(http_request_duration_seconds_bucket{handler=\"/api/v1/query_range\","
                                + "job=\"api-server\"}[5m])\n"
                                + "  )\n"
                                + ")"),
                Arguments.of(
                        "-(very_long_metric_name_number_one_for_testing_the_prettier{label=\"value\"} +"
                                + " very_long_metric_name_number_two_for_testing_the_prettier{label=\"value\"})",
                        "-(\n"
                                + "    very_long_metric_name_number_one_for_testing_the_prettier{label=\"value\"}\n"
                                + "  +\n"
                                + "    very_long_metric_name_number_two_for_testing_the_prettier{label=\"value\"}\n"
                                + ")"),
                Arguments.of(
                        "max_over_time((rate(some_extremely_long_metric_name_total{with=\"labels\", and=\"more"
                                + " labels\", plus=\"even more\"}[5m]) > 0)[1h:1m] offset 5m)",
                        "max_over_time(\n"
                                + "  (\n"
                                + "      rate(some_extremely_long_metric_name_total{and=\"more labels\",plus=\"even"
                                + " more\",with=\"labels\"}[5m])\n"
                                + "    >\n"
                                + "      0\n"
                                + "  )[1h:1m] offset 5m\n"
                                + ")"),
                Arguments.of(
                        "topk(5, sum by (job) (rate(very_long_metric_name_number_one_for_testing_the_prettier_total"
                                + "{label=\"value\"}[5m])))",
                        "topk(\n"
                                + "  5,\n"
                                + "  sum by (job) (\n"
                                + "    rate(very_long_metric_name_number_one_for_testing_the_prettier_total"
                                + "{label=\"value\"}[5m])\n"
                                + "  )\n"
                                + ")"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void formatsLikePrometheus(String query, String expected) {
        assertThat(Prettier.format(ExpressionParser.parse(query))).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void formattedTextParsesToTheSameTree(String query, String expected) {
        Expr original = AstNormalizer.withoutPositions(ExpressionParser.parse(query));
        Expr reparsed = AstNormalizer.withoutPositions(ExpressionParser.parse(expected));
        assertThat(reparsed).isEqualTo(original);
    }
}
