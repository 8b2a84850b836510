package dev.vigil.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.storage.StorageException;
import dev.vigil.promql.engine.QueryCancelledException;
import dev.vigil.promql.engine.QueryTimeoutException;
import dev.vigil.promql.engine.TooManySamplesException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Label name escaping, global URLs, secret redaction and error classification. */
class SmallPartsTest {
    @ParameterizedTest
    @CsvSource({
        "job,job",
        "U__http_2e_method,http.method",
        "U__a__b,a_b",
        "U__caf_e9_,café",
        "U___1f600_,\uD83D\uDE00",
        "U__bad_zz_,U__bad_zz_",
        "U__unclosed_2e,U__unclosed_2e",
        "U__six_10ffff_,U__six_10ffff_",
        "U__surrogate_d800_,U__surrogate_d800_",
    })
    void labelNamesInPathsAreUnescapedAsPrometheus3Does(String segment, String name) {
        assertThat(LabelNameEscaping.unescape(segment)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:9090/metrics,https://vigil.example.com:9090/metrics",
        "http://127.0.0.1:9100/metrics?x=1,http://vigil.example.com:9100/metrics?x=1",
        "http://[::1]:9100/metrics,http://vigil.example.com:9100/metrics",
        "http://localhost/metrics,http://vigil.example.com/metrics",
        "http://node-1:9100/metrics,http://node-1:9100/metrics",
    })
    void globalUrlsFollowPrometheus(String scrapeUrl, String expected) {
        assertThat(GlobalUrl.of(scrapeUrl, ApiServer.GLOBAL_URL).url()).isEqualTo(expected);
    }

    @Test
    void secretsAreRedactedInEveryStyle() {
        String config =
                """
                scrape_configs:
                  - job_name: a   # comment
                    basic_auth: {username: u, password: "p,w"}
                    authorization:
                      credentials: s3cr3t
                    oauth2:
                      client_secret: 'x'
                      client_secret_file: /run/secret
                    http_headers:
                      X-Token:
                        secrets:
                          - one
                          - two
                    tls_config:
                      key: |
                        -----BEGIN KEY-----
                        abc
                      key_file: /k.pem
                notifications:
                  receivers:
                    - name: chat
                      slack_configs:
                        - api_url: https://hooks.example.com/T000/B000/XXX
                """;
        String redacted = SecretRedaction.redact(config);
        assertThat(redacted)
                .contains("basic_auth: {username: u, password: <secret>}")
                .contains("credentials: <secret>")
                .contains("client_secret: <secret>")
                .contains("client_secret_file: /run/secret")
                .contains("- <secret>\n          - <secret>")
                .contains("key: |\n        <secret>\n      key_file: /k.pem")
                .contains("- api_url: <secret>")
                .contains("- job_name: a   # comment")
                .doesNotContain("s3cr3t", "p,w", "one", "two", "abc", "hooks.example.com", "'x'");
    }

    @Test
    void failuresAreClassifiedAsPrometheusClassifiesThem() {
        assertThat(ErrorMapping.toApiException(new QueryTimeoutException()).type())
                .isEqualTo(ErrorType.TIMEOUT);
        assertThat(ErrorMapping.toApiException(new CompletionException(new QueryCancelledException())))
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.CANCELED);
                    assertThat(e.type().httpStatus()).isEqualTo(499);
                    assertThat(e.getMessage()).isEqualTo("query was canceled in query execution");
                });
        assertThat(ErrorMapping.toApiException(new TooManySamplesException()).type())
                .isEqualTo(ErrorType.EXECUTION);
        assertThat(ErrorMapping.toApiException(new StorageException("io")).type())
                .isEqualTo(ErrorType.INTERNAL);
        assertThat(ErrorMapping.toApiException(new IllegalStateException("bug")).type())
                .isEqualTo(ErrorType.INTERNAL);
        assertThat(ErrorType.UNAVAILABLE.httpStatus()).as("as in Prometheus 3").isEqualTo(500);
    }
}
