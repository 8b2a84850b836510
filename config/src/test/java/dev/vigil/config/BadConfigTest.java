package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each {@code *.bad.yml} file must fail to load with exactly the errors listed for it here. */
class BadConfigTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                bad(
                        "unknown-top-level-key",
                        "3:1: scrape_config: unknown key \"scrape_config\" (did you mean \"scrape_configs\"?)"),
                bad(
                        "unknown-nested-key",
                        "3:5: scrape_configs[0].scrape_intervl: unknown key \"scrape_intervl\" (did you mean \"scrape_interval\"?)"),
                bad(
                        "wrong-type-bool",
                        "3:19: scrape_configs[0].honor_labels: expected a boolean (true or false), got string \"yes please\""),
                bad("wrong-type-int", "2:17: global.sample_limit: expected an integer, got string \"lots\""),
                bad("wrong-type-mapping", "1:9: global: expected a mapping, got sequence"),
                bad(
                        "bad-duration",
                        "2:20: global.scrape_interval: not a valid duration string: \"15 seconds\": missing unit after 15 (one of y, w, d, h, m, s, ms)"),
                bad(
                        "bad-duration-order",
                        "2:24: global.evaluation_interval: not a valid duration string: \"30s1m\": units must appear at most once, in the order y, w, d, h, m, s, ms"),
                bad(
                        "duplicate-job",
                        "5:15: scrape_configs[1].job_name: found multiple scrape configs with job name \"node\" (first at line 2)"),
                bad(
                        "timeout-greater-than-interval",
                        "4:21: scrape_configs[0].scrape_timeout: scrape timeout 15s greater than scrape interval 10s for scrape config with job name \"slow\""),
                bad(
                        "global-timeout-greater-than-interval",
                        "3:19: global.scrape_timeout: global scrape timeout 6s greater than scrape interval 5s"),
                bad(
                        "invalid-external-label-name",
                        "3:5: global.external_labels[\"cluster-name\"]: \"cluster-name\" is not a valid label name"),
                bad(
                        "invalid-static-label-name",
                        "6:11: scrape_configs[0].static_configs[0].labels[\"0team\"]: \"0team\" is not a valid label name"),
                bad(
                        "bad-regex",
                        "5:16: scrape_configs[0].relabel_configs[0].regex: invalid regular expression \"(api|web\": Unclosed group near index 8"),
                bad("missing-job-name", "2:5: scrape_configs[0]: missing required key \"job_name\""),
                bad("empty-job-name", "2:15: scrape_configs[0].job_name: \"job_name\" must not be empty"),
                bad(
                        "basic-auth-and-authorization",
                        "7:7: scrape_configs[0].authorization: at most one of basic_auth, oauth2 & authorization must be configured"),
                bad(
                        "password-and-password-file",
                        "6:22: scrape_configs[0].basic_auth.password_file: at most one of basic_auth password & password_file must be configured"),
                bad(
                        "bearer-token-and-file",
                        "4:24: scrape_configs[0].bearer_token_file: at most one of bearer_token & bearer_token_file must be configured"),
                bad(
                        "unsupported-sd",
                        "4:7: scrape_configs[0].consul_sd_configs: consul_sd_configs is not supported by Vigil (supported: static_configs, file_sd_configs, http_sd_configs, kubernetes_sd_configs)"),
                bad(
                        "duplicate-key",
                        "4:3: global.scrape_interval: duplicate key \"scrape_interval\" (first defined at line 2)"),
                bad(
                        "bad-url-remote-write",
                        "2:10: remote_write[0].url: invalid URL \"mimir.example.com/api/v1/push\": missing scheme such as http://"),
                bad("missing-url-remote-write", "2:5: remote_write[0]: url for remote_write is empty"),
                bad(
                        "alertmanager-api-v1",
                        "3:20: alerting.alertmanagers[0].api_version: expected Alertmanager api version to be one of [v2] but got v1 (Alertmanager API v1 was removed in Prometheus 3)"),
                bad(
                        "unknown-relabel-action",
                        "4:17: scrape_configs[0].relabel_configs[0].action: unknown relabel action \"explode\""),
                bad(
                        "hashmod-without-modulus",
                        "4:9: scrape_configs[0].relabel_configs[0]: relabel configuration for hashmod requires non-zero modulus"),
                bad(
                        "labeldrop-with-source-labels",
                        "6:17: scrape_configs[0].metric_relabel_configs[0].action: labeldrop action requires only 'regex', and no other fields"),
                bad(
                        "replace-invalid-target",
                        "5:23: scrape_configs[0].relabel_configs[0].target_label: \"my-label\" is invalid 'target_label' for replace action"),
                bad(
                        "kubernetes-missing-role",
                        "4:9: scrape_configs[0].kubernetes_sd_configs[0]: role missing (one of: pod, service, endpoints, endpointslice, node, ingress)"),
                bad(
                        "kubernetes-api-server-and-kubeconfig",
                        "6:26: scrape_configs[0].kubernetes_sd_configs[0].kubeconfig_file: cannot use 'kubeconfig_file' and 'api_server' simultaneously"),
                bad(
                        "kubernetes-bad-selector-role",
                        "6:11: scrape_configs[0].kubernetes_sd_configs[0].selectors: node role supports only node selectors"),
                bad(
                        "duplicate-remote-write-name",
                        "5:11: remote_write[1].name: found multiple remote_write configs with name \"main\" (first at line 3)"),
                bad(
                        "multi-document",
                        "4:1: multiple YAML documents in one file are not supported; remove the '---' separator"),
                bad(
                        "static-target-is-url",
                        "4:19: scrape_configs[0].static_configs[0].targets[0]: \"http://api:8080/metrics\" is not a valid hostname (a URL belongs in scheme, metrics_path and params)"),
                bad(
                        "file-sd-bad-extension",
                        "4:16: scrape_configs[0].file_sd_configs[0].files[0]: path name \"/etc/targets/*.txt\" is not valid for file discovery (must end in .json, .yml or .yaml; only the last segment may contain one '*')"),
                bad(
                        "http-sd-bad-scheme",
                        "4:14: scrape_configs[0].http_sd_configs[0].url: invalid URL \"ftp://sd.example.com/targets\": scheme must be one of http, https, got \"ftp\""),
                bad(
                        "tls-cert-without-key",
                        "4:18: scrape_configs[0].tls_config.cert_file: exactly one of key or key_file must be configured when a client certificate is configured",
                        "5:20: scrape_configs[0].tls_config.min_version: unknown TLS version: TLS14 (one of TLS10, TLS11, TLS12, TLS13)"),
                bad(
                        "oauth2-missing-fields",
                        "4:7: scrape_configs[0].oauth2: oauth2 client_id must be configured",
                        "4:7: scrape_configs[0].oauth2: oauth2 token_url must be configured"),
                bad(
                        "bad-scrape-protocol",
                        "2:21: global.scrape_protocols[1]: unknown scrape protocol PrometheusText9, supported: [OpenMetricsText0.0.1, OpenMetricsText1.0.0, PrometheusProto, PrometheusText0.0.4, PrometheusText1.0.0]"),
                bad(
                        "reserved-remote-write-header",
                        "4:7: remote_write[0].headers[\"User-Agent\"]: User-Agent is a reserved header. It must not be changed",
                        "5:7: remote_write[0].headers.Authorization: authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter"),
                bad(
                        "queue-min-shards-above-max",
                        "4:19: remote_write[0].queue_config.min_shards: remote write queue min_shards must not be greater than max_shards"),
                bad("tracing-without-endpoint", "2:3: tracing: tracing endpoint must be set"),
                bad(
                        "syntax-error",
                        "3:2: invalid syntax: expected <block end>, but found '<block mapping start>' (while parsing a block mapping)"),
                bad(
                        "several-errors",
                        "2:20: global.scrape_interval: not a valid duration string: \"1x\": unknown unit \"x\" (one of y, w, d, h, m, s, ms)",
                        "5:19: scrape_configs[0].honor_labels: expected a boolean (true or false), got string \"maybe\"",
                        "7:5: scrape_configs[1].unknown_thing: unknown key \"unknown_thing\""),
                bad(
                        "no-proxy-without-proxy-url",
                        "3:15: scrape_configs[0].no_proxy: if no_proxy is configured, proxy_url must also be configured"),
                bad("sigv4-not-supported", "4:7: remote_write[0].sigv4: sigv4 is not supported by Vigil"),
                bad(
                        "tab-indentation",
                        "2:1: invalid syntax: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation) (while scanning for the next token)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithExpectedErrors(String name, List<String> expected) throws IOException {
        String file = name + ".bad.yml";
        List<String> actual = errorsOf(file);
        List<String> expectedFull = expected.stream().map(e -> file + ":" + e).toList();
        assertThat(actual).containsExactlyElementsOf(expectedFull);
    }

    @Test
    void everyBadFileHasExpectedErrors() throws IOException, URISyntaxException {
        Set<String> listed = cases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        try (Stream<Path> files =
                Files.list(Path.of(BadConfigTest.class.getResource("/config").toURI()))) {
            List<String> bad = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".bad.yml"))
                    .map(n -> n.substring(0, n.length() - ".bad.yml".length()))
                    .toList();
            assertThat(bad).hasSizeGreaterThanOrEqualTo(25);
            assertThat(listed).containsExactlyInAnyOrderElementsOf(bad);
        }
    }

    static List<String> errorsOf(String file) throws IOException {
        String text;
        try (InputStream in = BadConfigTest.class.getResourceAsStream("/config/" + file)) {
            assertThat(in).as(file).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            ConfigLoader.parse(text, file);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        return fail("expected " + file + " to be rejected");
    }

    private static Arguments bad(String name, String... expected) {
        return Arguments.of(name, List.of(expected));
    }
}
