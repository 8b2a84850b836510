package dev.vigil.ui.api;

import static dev.vigil.ui.api.ApiServer.path;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint's exact response body and status against files in {@code golden/}. The files were checked against
 * Prometheus's source and, where the shapes agree, against Prometheus 2.42 serving the same data; Prometheus 3
 * differences (labels without HTML escaping, new fields) follow Prometheus 3. Run with {@code -Dgolden.update=true}
 * to rewrite the files after an intended change, and review the diff.
 */
class GoldenResponsesTest {
    private static final String DIR = "golden/";
    private static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new ApiServer(ApiServer.Options.defaults())
                .start(Fixtures.storage(), null, Fixtures.TARGETS, Fixtures.RULES, Fixtures.ALERTMANAGERS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Instant queries: vector, scalar, string, float formatting, empty results, limit.
                c("query_vector", 200, path("/api/v1/query", "query", "up")),
                c("query_vector_sorted", 200, path("/api/v1/query", "query", "sort_desc(up)")),
                c("query_floats", 200, path("/api/v1/query", "query", "sort(weird)")),
                c("query_escapes", 200, path("/api/v1/query", "query", "escapes")),
                c("query_scalar", 200, path("/api/v1/query", "query", "1/3", "time", "1700000000.5")),
                c("query_scalar_tiny", 200, path("/api/v1/query", "query", "1e-7", "time", "1.5")),
                c("query_string", 200, path("/api/v1/query", "query", "\"a<b>&\"", "time", "1700000000.001")),
                c("query_empty", 200, path("/api/v1/query", "query", "nope")),
                c("query_range_vector", 200, path("/api/v1/query", "query", "up{job=\"api\"}[2m]")),
                c("query_limit", 200, path("/api/v1/query", "query", "up", "limit", "1")),
                c(
                        "query_rfc3339",
                        200,
                        path("/api/v1/query", "query", "up{job=\"node\"}", "time", "2023-11-14T22:12:20Z")),
                c("query_info", 200, path("/api/v1/query", "query", "rate(up[5m])")),
                // Range queries.
                c(
                        "query_range",
                        200,
                        path(
                                "/api/v1/query_range",
                                "query",
                                "up",
                                "start",
                                "1699999880",
                                "end",
                                "1700000000",
                                "step",
                                "60")),
                c(
                        "query_range_scalar",
                        200,
                        path(
                                "/api/v1/query_range",
                                "query",
                                "2",
                                "start",
                                "1699999880",
                                "end",
                                "1700000000",
                                "step",
                                "1m")),
                c(
                        "query_range_empty",
                        200,
                        path("/api/v1/query_range", "query", "nope", "start", "0", "end", "10", "step", "5")),
                c(
                        "query_range_limit",
                        200,
                        path(
                                "/api/v1/query_range",
                                "query",
                                "up",
                                "start",
                                "1699999880",
                                "end",
                                "1700000000",
                                "step",
                                "60",
                                "limit",
                                "2")),
                // Errors of every type.
                c("error_parse", 400, path("/api/v1/query", "query", "sum(up")),
                c("error_no_query", 400, "/api/v1/query"),
                c("error_time", 400, path("/api/v1/query", "query", "up", "time", "x")),
                c("error_limit", 400, path("/api/v1/query", "query", "up", "limit", "x")),
                c("error_limit_negative", 400, path("/api/v1/query", "query", "up", "limit", "-1")),
                c("error_timeout_param", 400, path("/api/v1/query", "query", "up", "timeout", "soon")),
                c("error_lookback", 400, path("/api/v1/query", "query", "up", "lookback_delta", "x")),
                c("error_start", 400, path("/api/v1/query_range", "query", "up", "start", "x")),
                c(
                        "error_end_before_start",
                        400,
                        path("/api/v1/query_range", "query", "up", "start", "10", "end", "5", "step", "1")),
                c("error_no_step", 400, path("/api/v1/query_range", "query", "up", "start", "0", "end", "5")),
                c(
                        "error_zero_step",
                        400,
                        path("/api/v1/query_range", "query", "up", "start", "0", "end", "5", "step", "0")),
                c(
                        "error_resolution",
                        400,
                        path("/api/v1/query_range", "query", "up", "start", "0", "end", "20000", "step", "1")),
                c(
                        "error_range_type",
                        400,
                        path("/api/v1/query_range", "query", "up[5m]", "start", "0", "end", "20", "step", "10")),
                c(
                        "error_execution",
                        422,
                        path("/api/v1/query", "query", "label_replace(up, \"instance\", \"x\", \"\", \"\")")),
                c("error_timeout", 503, path("/api/v1/query", "query", "up", "timeout", "0.000000001")),
                c("error_admin_disabled", 500, "/api/v1/admin/tsdb/clean_tombstones", "POST"),
                // Text endpoints.
                c("format_query", 200, path("/api/v1/format_query", "query", "sum(rate(foo{a=\"b\"}[5m]))by(job)")),
                c(
                        "parse_query",
                        200,
                        path(
                                "/api/v1/parse_query",
                                "query",
                                "sum by(job)(rate(foo{a=~\"b.*\"}[5m] offset 1m @ 100)) > bool on(a) group_left(b)"
                                        + " -bar / 2")),
                c(
                        "parse_query_more",
                        200,
                        path(
                                "/api/v1/parse_query",
                                "query",
                                "topk(3, max_over_time(x[1h:5m] @ end()) and {\"a.b\"}) or count_values(\"v\", y)")),
                c("parse_query_error", 400, path("/api/v1/parse_query", "query", "foo{")),
                c("exemplars", 200, path("/api/v1/query_exemplars", "query", "up")),
                c("exemplars_no_selector", 204, path("/api/v1/query_exemplars", "query", "1 + 1")),
                // Series and labels.
                c("series", 200, path("/api/v1/series", "match[]", "up")),
                c("series_multi", 200, path("/api/v1/series", "match[]", "up{job=\"node\"}", "match[]", "escapes")),
                c(
                        "series_limit",
                        200,
                        path(
                                "/api/v1/series",
                                "match[]",
                                "{__name__=~\"up|weird\"}",
                                "limit",
                                "2",
                                "end",
                                "1700000000")),
                c("series_time_range", 200, path("/api/v1/series", "match[]", "up", "end", "1699999900")),
                c("series_no_match", 400, "/api/v1/series"),
                c("series_empty_matcher", 400, path("/api/v1/series", "match[]", "{job=\"\"}")),
                c("series_bad_matcher", 400, path("/api/v1/series", "match[]", "up[5m]")),
                c("labels", 200, "/api/v1/labels"),
                c("labels_match", 200, path("/api/v1/labels", "match[]", "up")),
                c("labels_limit", 200, path("/api/v1/labels", "limit", "2")),
                c("label_values", 200, "/api/v1/label/job/values"),
                c("label_values_name", 200, path("/api/v1/label/__name__/values", "match[]", "{job=~\".+\"}")),
                c("label_values_utf8", 200, "/api/v1/label/U__utf8_2e_name/values"),
                c("label_values_invalid", 400, "/api/v1/label/U__/values"),
                c("label_values_bad_match", 400, path("/api/v1/label/job/values", "match[]", "{}")),
                // Targets and metadata.
                c("targets", 200, "/api/v1/targets"),
                c("targets_dropped", 200, path("/api/v1/targets", "state", "Dropped")),
                c("targets_pool", 200, path("/api/v1/targets", "state", "active", "scrapePool", "node")),
                c("scrape_pools", 200, "/api/v1/scrape_pools"),
                c("metadata", 200, "/api/v1/metadata"),
                c("metadata_metric", 200, path("/api/v1/metadata", "metric", "up", "limit_per_metric", "1")),
                c("metadata_limit", 200, path("/api/v1/metadata", "limit", "1")),
                c("metadata_bad_limit", 400, path("/api/v1/metadata", "limit", "x")),
                c(
                        "targets_metadata",
                        200,
                        path("/api/v1/targets/metadata", "match_target", "{instance=\"localhost:9090\"}")),
                c("targets_metadata_metric", 200, path("/api/v1/targets/metadata", "metric", "up")),
                // Rules, alerts, Alertmanagers.
                c("rules", 200, "/api/v1/rules"),
                c("rules_alerting_only", 200, path("/api/v1/rules", "type", "alert", "exclude_alerts", "true")),
                c("rules_match", 200, path("/api/v1/rules", "match[]", "{team=\"infra\"}")),
                c("rules_page", 200, path("/api/v1/rules", "group_limit", "1")),
                c("rules_bad_type", 400, path("/api/v1/rules", "type", "x")),
                c("alerts", 200, "/api/v1/alerts"),
                c("alertmanagers", 200, "/api/v1/alertmanagers"),
                // Status.
                c("status_config", 200, "/api/v1/status/config"),
                c("status_flags", 200, "/api/v1/status/flags"),
                c("status_buildinfo", 200, "/api/v1/status/buildinfo"),
                c("status_walreplay", 200, "/api/v1/status/walreplay"),
                c("status_tsdb_no_admin", 500, "/api/v1/status/tsdb"),
                c("status_tsdb_bad_limit", 400, path("/api/v1/status/tsdb", "limit", "0")));
    }

    private static Arguments c(String name, int status, String pathAndQuery) {
        return Arguments.of(name, status, pathAndQuery, "GET");
    }

    private static Arguments c(String name, int status, String pathAndQuery, String method) {
        return Arguments.of(name, status, pathAndQuery, method);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void responseMatchesGoldenFile(String name, int status, String pathAndQuery, String method) throws Exception {
        HttpResponse<String> response =
                method.equals("GET") ? server.get(pathAndQuery) : server.form(method, pathAndQuery);
        String body = response.body();
        if (Boolean.getBoolean("golden.update")) {
            Path file = Path.of("src/test/resources/dev/vigil/ui/api/" + DIR + name + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, body);
        }
        assertThat(response.statusCode()).as(name + ": " + body).isEqualTo(status);
        assertThat(body).as(name).isEqualTo(golden(name));
        if (status != 204) {
            assertThat(response.headers().firstValue("Content-Type")).as(name).contains("application/json");
        }
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = GoldenResponsesTest.class.getResourceAsStream(DIR + name + ".json")) {
            if (in == null) {
                throw new AssertionError("missing golden file " + DIR + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
