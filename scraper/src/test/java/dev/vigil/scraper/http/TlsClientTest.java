package dev.vigil.scraper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.http.HttpClientConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls_config} against a local HTTPS server whose certificate, from a CA made for the test, names only
 * {@code metrics.vigil.test} (not the 127.0.0.1 the client connects to) and which requires a client certificate.
 */
class TlsClientTest {
    @TempDir
    static Path dir;

    private static TestPki pki;
    private static HttpsServer server;
    private static volatile String lastSni;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir, "dns:metrics.vigil.test");
        SSLContext context = pki.serverContext();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            if (exchange instanceof com.sun.net.httpserver.HttpsExchange https
                    && https.getSSLSession() instanceof javax.net.ssl.ExtendedSSLSession session
                    && !session.getRequestedServerNames().isEmpty()) {
                lastSni = new String(session.getRequestedServerNames().get(0).getEncoded(), StandardCharsets.US_ASCII);
            }
            byte[] body = "up 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpClientConfig config(String tlsConfig) throws Exception {
        String yaml = "scrape_configs:\n  - job_name: tls\n    scheme: https\n    tls_config:\n" + tlsConfig.indent(6);
        return ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0).httpClient();
    }

    private static String clientCert() {
        return "cert_file: " + pki.clientCertPem + "\nkey_file: " + pki.clientKeyPem + "\n";
    }

    private static String get(String tlsConfig) throws Exception {
        HttpClient client = JdkHttpClients.build(config(tlsConfig), Path::of, Duration.ofSeconds(10));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/metrics"))
                .timeout(Duration.ofSeconds(20))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void caClientCertificateAndServerNameTogetherSucceed() throws Exception {
        assertThat(get("ca_file: " + pki.caPem + "\nserver_name: metrics.vigil.test\n" + clientCert()))
                .isEqualTo("up 1\n");
        // Addressed by IP, the server_name is also what the server sees as SNI.
        assertThat(lastSni).isEqualTo("metrics.vigil.test");
    }

    @Test
    void withoutServerNameTheAddressMustMatchTheCertificate() {
        assertThatThrownBy(() -> get("ca_file: " + pki.caPem + "\n" + clientCert()))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void aServerNameTheCertificateDoesNotCarryFails() {
        assertThatThrownBy(() -> get("ca_file: " + pki.caPem + "\nserver_name: other.vigil.test\n" + clientCert()))
                .isInstanceOf(SSLException.class)
                .hasStackTraceContaining("not other.vigil.test");
    }

    @Test
    void aServerFromAnUnknownCaFails() {
        assertThatThrownBy(() -> get("server_name: metrics.vigil.test\n" + clientCert()))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void insecureSkipVerifyAcceptsTheServerAsItIs() throws Exception {
        assertThat(get("insecure_skip_verify: true\n" + clientCert())).isEqualTo("up 1\n");
    }

    @Test
    void theServerRefusesAClientWithoutCertificate() {
        assertThatThrownBy(() -> get("ca_file: " + pki.caPem + "\nserver_name: metrics.vigil.test\n"))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void unreadableKeyIsAConfigurationError() throws Exception {
        HttpClientConfig config = config("cert_file: " + pki.clientCertPem + "\nkey_file: " + pki.caPem + "\n");
        assertThatThrownBy(() -> JdkHttpClients.build(config, Path::of, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls_config: key_file " + pki.caPem)
                .hasMessageContaining("no PRIVATE KEY");
    }
}
