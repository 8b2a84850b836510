package dev.vigil.server.promqldiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AggregateOp;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.server.ServerOptions;
import dev.vigil.server.TsdbStorageFactory;
import dev.vigil.server.VigilServer;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import dev.vigil.server.support.Http;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of issue 6: the same data in Vigil (imported through {@code POST /api/v1/import/prometheus}
 * into the real TSDB) and in Prometheus 2.42 (backfilled with {@code promtool tsdb create-blocks-from openmetrics}),
 * then every query of {@code promqldiff/queries.txt} as instant queries at {@link #INSTANT_TIMES} and as one range
 * query against both HTTP APIs, answers compared by {@link ResultComparator}. Prints
 * {@code promql differential: M of N match (P%)}, then every mismatch: those of queries marked with a
 * {@link KnownDifference} apart from the rest. Fails on any unmarked mismatch and on any mark that no longer shows a
 * difference. Skipped with a printed reason where Prometheus is not installed, except under CI.
 */
class PromqlDifferentialTest {
    private static final long SEED = 20231130L;
    private static final String QUERIES = "/promqldiff/queries.txt";

    /** {@code -Dpromqldiff.keepData=FILE} keeps a copy of the generated data, to replay a mismatch by hand. */
    private static final String KEEP_DATA_PROPERTY = "promqldiff.keepData";

    /**
     * Evaluation times: at {@code .777} seconds, which no sample timestamp has; early in the data (windows reaching
     * before its start), mid-way, near the end, and after the end (within the 5m lookback).
     */
    static final long[] INSTANT_TIMES = {
        SyntheticMetrics.START_MS + 33 * 60_000L + 20_777,
        SyntheticMetrics.START_MS + 101 * 60_000L + 7_777,
        SyntheticMetrics.START_MS + 178 * 60_000L + 31_777,
        SyntheticMetrics.START_MS + 183 * 60_000L + 777,
    };

    static final long RANGE_START = SyntheticMetrics.START_MS + 10 * 60_000L + 777;
    static final long RANGE_END = SyntheticMetrics.START_MS + 185 * 60_000L + 777;
    static final long RANGE_STEP_MS = 60_000L;

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void vigilAnswersQueriesAsPrometheusDoes() throws Exception {
        String missing = PrometheusReference.missingBinaries();
        if (missing != null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(missing + "; .ci/run installs Debian's prometheus package");
        }
        if (missing != null) {
            System.out.println("SKIPPED promql differential test: " + missing);
        }
        assumeTrue(missing == null, missing);

        SyntheticMetrics data = SyntheticMetrics.generate(SEED);
        Path openMetrics = dir.resolve("data.om");
        data.write(openMetrics);
        String keep = System.getProperty(KEEP_DATA_PROPERTY);
        if (keep != null) {
            Files.copy(openMetrics, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
        List<QueryCase> cases = QueryCase.load(QUERIES);
        assertThat(cases).as("queries in " + QUERIES).hasSizeGreaterThanOrEqualTo(200);

        try (PrometheusReference prometheus = new PrometheusReference(Files.createDirectories(dir.resolve("prom")));
                VigilServer vigil = VigilServer.start(vigilOptions(), new TsdbStorageFactory())) {
            prometheus.start(openMetrics, DEADLINE);
            String vigilUrl = "http://127.0.0.1:" + vigil.httpPort();
            importInto(vigilUrl, openMetrics, data.samples());

            List<Outcome> outcomes = new ArrayList<>();
            for (QueryCase c : cases) {
                boolean ordered = ordered(c.expr());
                for (long t : INSTANT_TIMES) {
                    String params = "query=" + encode(c.expr()) + "&time=" + SyntheticMetrics.seconds(t);
                    outcomes.add(compare(
                            c,
                            "instant@" + SyntheticMetrics.seconds(t),
                            "/api/v1/query?" + params,
                            vigilUrl,
                            prometheus.url(),
                            ordered));
                }
                String params = "query=" + encode(c.expr()) + "&start=" + SyntheticMetrics.seconds(RANGE_START)
                        + "&end=" + SyntheticMetrics.seconds(RANGE_END) + "&step=" + RANGE_STEP_MS / 1000;
                outcomes.add(compare(c, "range", "/api/v1/query_range?" + params, vigilUrl, prometheus.url(), false));
            }
            Report report = new Report(cases, outcomes, prometheusVersion(prometheus.url()));
            System.out.println(report.text());
            assertThat(report.unclassified())
                    .as("mismatches not explained by a known 2.42→3.x difference")
                    .isEmpty();
            assertThat(report.staleMarks())
                    .as("queries marked with a known difference that match Prometheus everywhere")
                    .isEmpty();
        }
    }

    private Outcome compare(
            QueryCase c, String how, String pathAndQuery, String vigilUrl, String prometheusUrl, boolean ordered)
            throws Exception {
        ApiResult vigil = get(vigilUrl + pathAndQuery);
        ApiResult prometheus = get(prometheusUrl + pathAndQuery);
        return new Outcome(
                c,
                how,
                ResultComparator.difference(vigil, prometheus, ordered),
                prometheus.failed() ? Shape.ERROR : prometheus.series().isEmpty() ? Shape.EMPTY : Shape.DATA,
                vigil.annotations());
    }

    private static ApiResult get(String url) throws Exception {
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return ApiResult.parse(r.statusCode(), r.body());
    }

    /**
     * Whether Prometheus defines the order of the instant result: {@code sort}, {@code sort_desc}, and {@code topk}
     * or {@code bottomk} without grouping, at the top of the expression.
     */
    static boolean ordered(String expr) {
        Expr e;
        try {
            e = ExpressionParser.parse(expr);
        } catch (ParseException notAQuery) {
            return false;
        }
        while (e instanceof Paren p) {
            e = p.expr();
        }
        if (e instanceof Call call) {
            return call.function().name().equals("sort")
                    || call.function().name().equals("sort_desc");
        }
        return e instanceof Aggregate a
                && (a.op() == AggregateOp.TOPK || a.op() == AggregateOp.BOTTOMK)
                && a.grouping().isEmpty()
                && !a.without();
    }

    private void importInto(String vigilUrl, Path openMetrics, long samples) throws Exception {
        HttpResponse<String> reply = CLIENT.send(
                HttpRequest.newBuilder(URI.create(vigilUrl + "/api/v1/import/prometheus"))
                        .header("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                        .timeout(DEADLINE)
                        .POST(HttpRequest.BodyPublishers.ofFile(openMetrics))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(new JsonObject(reply.body()).getJsonObject("data").getLong("accepted"))
                .as("samples imported into Vigil")
                .isEqualTo(samples);
    }

    private ServerOptions vigilOptions() throws Exception {
        Path config = dir.resolve("vigil.yml");
        // No scrape jobs: Vigil's own series would be data Prometheus does not have.
        Files.writeString(config, "global:\n  evaluation_interval: 1m\nscrape_configs: []\n");
        return new ServerOptions(
                config,
                Files.createDirectories(dir.resolve("vigil-data")),
                Duration.ZERO,
                0,
                new ListenAddress("127.0.0.1", Http.freePort()),
                false,
                false,
                false,
                null,
                Duration.ofMinutes(2),
                50_000_000,
                Duration.ofMinutes(5),
                LogLevel.WARN,
                LogFormat.LOGFMT,
                Duration.ofSeconds(30),
                Map.of());
    }

    private static String prometheusVersion(String url) throws Exception {
        HttpResponse<String> r = Http.get(url + "/api/v1/status/buildinfo");
        return new JsonObject(r.body()).getJsonObject("data").getString("version");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** What Prometheus answered: an error, an empty result, or data. */
    enum Shape {
        ERROR,
        EMPTY,
        DATA
    }

    /** One comparison: a query run one way ({@code instant@<time>} or {@code range}). */
    record Outcome(QueryCase query, String how, String difference, Shape prometheusShape, int vigilAnnotations) {
        boolean matched() {
            return difference == null;
        }
    }

    /** The printed summary and the lists the test asserts on. */
    record Report(List<QueryCase> cases, List<Outcome> outcomes, String prometheusVersion) {
        List<Outcome> unclassified() {
            return outcomes.stream()
                    .filter(o -> !o.matched() && o.query().known() == null)
                    .toList();
        }

        List<QueryCase> staleMarks() {
            Set<QueryCase> differing = new LinkedHashSet<>();
            outcomes.stream().filter(o -> !o.matched()).forEach(o -> differing.add(o.query()));
            return cases.stream()
                    .filter(c -> c.known() != null && !differing.contains(c))
                    .toList();
        }

        String text() {
            long matched = outcomes.stream().filter(Outcome::matched).count();
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    Locale.ROOT,
                    "promql differential: %d of %d match (%.1f%%): %d queries, each instant at %d times and as a"
                            + " range query, Vigil vs Prometheus %s%n",
                    matched,
                    outcomes.size(),
                    100.0 * matched / outcomes.size(),
                    cases.size(),
                    INSTANT_TIMES.length,
                    prometheusVersion));
            Map<Shape, Long> shapes = new EnumMap<>(Shape.class);
            outcomes.forEach(o -> shapes.merge(o.prometheusShape(), 1L, Long::sum));
            b.append(String.format(
                    Locale.ROOT,
                    "  Prometheus answered %d with data, %d empty, %d with an error%n",
                    shapes.getOrDefault(Shape.DATA, 0L),
                    shapes.getOrDefault(Shape.EMPTY, 0L),
                    shapes.getOrDefault(Shape.ERROR, 0L)));
            Map<KnownDifference, List<Outcome>> known = new EnumMap<>(KnownDifference.class);
            outcomes.stream()
                    .filter(o -> !o.matched() && o.query().known() != null)
                    .forEach(o -> known.computeIfAbsent(o.query().known(), k -> new ArrayList<>())
                            .add(o));
            for (KnownDifference.Kind kind : KnownDifference.Kind.values()) {
                long count = known.entrySet().stream()
                        .filter(e -> e.getKey().kind() == kind)
                        .mapToInt(e -> e.getValue().size())
                        .sum();
                b.append("  ").append(kind.title()).append(": ").append(count).append('\n');
                known.forEach((difference, list) -> {
                    if (difference.kind() != kind) {
                        return;
                    }
                    b.append("    ").append(difference).append(" (").append(difference.description());
                    b.append("): ").append(list.size()).append('\n');
                    list.forEach(o -> b.append("      ").append(describe(o)).append('\n'));
                });
            }
            List<Outcome> unclassified = unclassified();
            b.append("  unclassified mismatches: ").append(unclassified.size()).append('\n');
            unclassified.forEach(o -> b.append("      ").append(describe(o)).append('\n'));
            staleMarks().forEach(c -> b.append("  marked ")
                    .append(c.known())
                    .append(" but matches everywhere: line ")
                    .append(c.line())
                    .append(' ')
                    .append(c.expr())
                    .append('\n'));
            long annotated =
                    outcomes.stream().filter(o -> o.vigilAnnotations() > 0).count();
            b.append("  Vigil answers with warnings or infos (not compared; 2.42 has no PromQL annotations): ")
                    .append(annotated);
            return b.toString();
        }

        private static String describe(Outcome o) {
            return "line " + o.query().line() + " " + o.query().expr() + " [" + o.how() + "]: " + o.difference();
        }
    }
}
