package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.promql.ast.GoStrings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Sends every malformed query of {@link ParseErrorTest} to Prometheus 2.42 ({@code /usr/bin/prometheus}, started here on
 * a free loopback port with an empty database) and compares its error message, {@code line:column: parse error:
 * reason}, with Vigil's. Vigil follows Prometheus 3.x; where 2.42 words a message differently, or accepts a query that
 * 3.x rejects, the difference is listed in {@link #PROMETHEUS_2_42} with 2.42's exact answer, and the test checks that
 * list against what 2.42 says, so the list is complete and true. Skipped with a printed reason where Prometheus is not
 * installed, except under CI (CI=true), where its absence is a failure.
 */
class PrometheusParseErrorsTest {
    private static final String ACCEPTED = "(accepted)";

    /** Query -> what Prometheus 2.42 answers, where that differs from Vigil's (Prometheus 3.x) message. */
    static final Map<String, String> PROMETHEUS_2_42 = new LinkedHashMap<>();

    static {
        // 3.x reads a malformed number or duration as one token and names it (2.42 split it up or said "bad duration").
        PROMETHEUS_2_42.put("2.5.", "1:4: parse error: unexpected character: '.'");
        PROMETHEUS_2_42.put("100..4", "1:5: parse error: unexpected number \".4\"");
        PROMETHEUS_2_42.put("foo[5mm]", "1:5: parse error: bad duration syntax: \"5mm\"");
        PROMETHEUS_2_42.put("foo[5m1]", "1:5: parse error: bad duration syntax: \"5m1\"");
        // 3.x parses durations as expressions in ranges, offsets and subquery steps and words their errors anew.
        PROMETHEUS_2_42.put("foo{bar=\"baz\"}[", "1:16: parse error: missing unit character in duration");
        PROMETHEUS_2_42.put(
                "some_metric[5m] OFFSET", "1:23: parse error: unexpected end of input in offset, expected duration");
        PROMETHEUS_2_42.put("foo[]", "1:5: parse error: missing unit character in duration");
        PROMETHEUS_2_42.put(
                "foo[5m:1m 1m]", "1:11: parse error: unexpected duration \"1m\" in subquery selector, expected \"]\"");
        PROMETHEUS_2_42.put("foo[5y1hs]", "1:5: parse error: not a valid duration string: \"5y1hs\"");
        PROMETHEUS_2_42.put("foo[-1]", "1:5: parse error: missing unit character in duration");
        PROMETHEUS_2_42.put("foo[9.5e10]", "1:5: parse error: missing unit character in duration");
        PROMETHEUS_2_42.put(
                "foo offset 9.5e10", "1:12: parse error: unexpected number \"9.5e10\" in offset, expected duration");
        // 2.42 printed the @ token as its internal item number.
        PROMETHEUS_2_42.put("@", "1:1: parse error: unexpected \"<Item 57385>\" <op:@>");
        // 2.42 quoted the regex as anchored for compiling; 3.x quotes it as written.
        PROMETHEUS_2_42.put(
                "foo{a=~\"(.*\"}", "1:5: parse error: error parsing regexp: missing closing ): `^(?:(.*)$`");
        PROMETHEUS_2_42.put("foo{a=~\"a)\"}", "1:5: parse error: error parsing regexp: unexpected ): `^(?:a))$`");
        PROMETHEUS_2_42.put("foo{a!~\"x[a-z\"}", "1:5: parse error: error parsing regexp: missing closing ]: `[a-z)$`");
        // 3.x rejects @ before a range; 2.42 let it through.
        PROMETHEUS_2_42.put("some_metric @ start() [5m]", "(accepted)");
        // Quoted metric names in braces (UTF-8 names) are new in 3.x.
        PROMETHEUS_2_42.put(
                "foo{\"bar\"}",
                "1:5: parse error: unexpected string \"\\\"bar\\\"\" in label matching, expected identifier or \"}\"");
        // Experimental functions that 2.42 does not have at all.
        PROMETHEUS_2_42.put("limitk(1, x)", "1:1: parse error: unknown function with name \"limitk\"");
        PROMETHEUS_2_42.put(
                "sort_by_label(x, \"a\")", "1:1: parse error: unknown function with name \"sort_by_label\"");
    }

    @Test
    void messagesMatchPrometheusOrDifferAsListed(@TempDir Path dir) throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        boolean installed = Files.isExecutable(binary);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("prometheus is not installed; .ci/run installs Debian's prometheus package");
        }
        if (!installed) {
            System.out.println("SKIPPED: /usr/bin/prometheus not installed (apt-get install prometheus)");
        }
        assumeTrue(installed, "/usr/bin/prometheus not installed (apt-get install prometheus)");

        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n");
        int port = freePort();
        Process prometheus = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            awaitReady(http, port);
            List<String> unexpected = new ArrayList<>();
            int same = 0;
            for (Arguments a : ParseErrorTest.malformedQueries().toList()) {
                String query = (String) a.get()[0];
                String vigil = vigilMessage(query);
                String theirs = prometheusAnswer(http, port, query);
                String listed = PROMETHEUS_2_42.get(query);
                if (theirs.equals(vigil) && listed == null) {
                    same++;
                } else if (!theirs.equals(listed)) {
                    unexpected.add(String.format(
                            "%s%n    vigil: %s%n    2.42:  %s%n    listed: %s",
                            GoStrings.quote(query), vigil, theirs, listed));
                }
            }
            System.out.printf(
                    "parse errors: %d malformed queries, %d with Prometheus 2.42's message and position, %d listed"
                            + " as differing from 2.42 (Prometheus 3.x wording or 3.x-only checks)%n",
                    ParseErrorTest.malformedQueries().count(), same, PROMETHEUS_2_42.size());
            assertThat(unexpected)
                    .as("answers of Prometheus 2.42 not as listed")
                    .isEmpty();
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(30, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    private static String vigilMessage(String query) {
        try {
            ExpressionParser.parse(query);
            return ACCEPTED;
        } catch (ParseException e) {
            return e.getMessage();
        }
    }

    /** The parse error Prometheus reports for {@code query}, without its {@code invalid parameter "query": } prefix. */
    private static String prometheusAnswer(HttpClient http, int port, String query) throws Exception {
        String body = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&time=0";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        String json = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (json.contains("\"status\":\"success\"")) {
            return ACCEPTED;
        }
        String error = jsonString(json, "error");
        String prefix = "invalid parameter \"query\": ";
        return error.startsWith(prefix) ? error.substring(prefix.length()) : error;
    }

    /** The string value of {@code key} in a flat JSON object, unescaped. */
    static String jsonString(String json, String key) {
        String marker = "\"" + key + "\":\"";
        int i = json.indexOf(marker);
        if (i < 0) {
            throw new AssertionError("no " + key + " in " + json);
        }
        StringBuilder out = new StringBuilder();
        for (i += marker.length(); json.charAt(i) != '"'; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n':
                    out.append('\n');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'u':
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default:
                    out.append(e);
            }
        }
        return out.toString();
    }

    private static void awaitReady(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (true) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Prometheus did not become ready on port " + port);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }
}
