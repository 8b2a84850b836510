package dev.vigil.scraper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.http.HttpClientConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code tls_config} against a local HTTPS server whose certificate, from a CA made for the test, names only
 * {@code metrics.vigil.test} (not the 127.0.0.1 the client connects to) and which requires a client certificate;
 * every case runs on both clients: the JDK's (HTTP SD) and Vert.x's (scraping).
 */
class TlsClientTest {
    private static Vertx vertx;

    /** The two clients built from an {@code <http_config>}. */
    enum Client {
        JDK,
        VERTX
    }

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static HttpsServer server;
    private static volatile String lastSni;
    private static volatile String lastHost;

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
            lastHost = exchange.getRequestHeaders().getFirst("Host");
            byte[] body = "up 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        vertx = ScrapeVertx.create();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        ScrapeVertx.close(vertx);
    }

    private static HttpClientConfig config(String tlsConfig) throws Exception {
        String yaml = "scrape_configs:\n  - job_name: tls\n    scheme: https\n    tls_config:\n" + tlsConfig.indent(6);
        return ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0).httpClient();
    }

    private static String clientCert() {
        return "cert_file: " + pki.clientCertPem + "\nkey_file: " + pki.clientKeyPem + "\n";
    }

    private static String get(Client client, String tlsConfig) throws Exception {
        return get(client, tlsConfig, "127.0.0.1");
    }

    /** GETs {@code /metrics} from the server addressed as {@code host}; failures are thrown as the client's own. */
    static String get(Client client, String tlsConfig, String host) throws Exception {
        URI url = URI.create("https://" + host + ":" + server.getAddress().getPort() + "/metrics");
        if (client == Client.JDK) {
            HttpClient jdk = JdkHttpClients.build(config(tlsConfig), Path::of, Duration.ofSeconds(10));
            HttpRequest request =
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> response = jdk.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
        try (VertxHttpClient http =
                VertxHttpClient.create(vertx, config(tlsConfig), Path::of, Duration.ofSeconds(10))) {
            // The body is read in the response's callback, on the event loop, before any of it can be dropped.
            return http.request(http.get(url))
                    .compose(request -> request.send().compose(response -> {
                        assertThat(response.statusCode()).isEqualTo(200);
                        return response.body();
                    }))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS)
                    .toString();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void caClientCertificateAndServerNameTogetherSucceed(Client client) throws Exception {
        assertThat(get(client, "ca_file: " + pki.caPem + "\nserver_name: metrics.vigil.test\n" + clientCert()))
                .isEqualTo("up 1\n");
        // Addressed by IP, the server_name is also what the server sees as SNI.
        assertThat(lastSni).isEqualTo("metrics.vigil.test");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void withoutServerNameTheAddressMustMatchTheCertificate(Client client) {
        assertThatThrownBy(() -> get(client, "ca_file: " + pki.caPem + "\n" + clientCert()))
                .isInstanceOf(SSLException.class);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aServerNameTheCertificateDoesNotCarryFails(Client client) {
        assertThatThrownBy(
                        () -> get(client, "ca_file: " + pki.caPem + "\nserver_name: other.vigil.test\n" + clientCert()))
                .isInstanceOf(SSLException.class)
                .hasStackTraceContaining("x509: certificate is valid for metrics.vigil.test, not other.vigil.test");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aServerFromAnUnknownCaFails(Client client) {
        assertThatThrownBy(() -> get(client, "server_name: metrics.vigil.test\n" + clientCert()))
                .isInstanceOf(SSLException.class);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void insecureSkipVerifyAcceptsTheServerAsItIs(Client client) throws Exception {
        assertThat(get(client, "insecure_skip_verify: true\n" + clientCert())).isEqualTo("up 1\n");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void theServerRefusesAClientWithoutCertificate(Client client) {
        // With TLS 1.3 the server's refusal comes after the client's handshake finished: Netty sees the connection
        // close under the request.
        assertThatThrownBy(() -> get(client, "ca_file: " + pki.caPem + "\nserver_name: metrics.vigil.test\n"))
                .isInstanceOfAny(java.io.IOException.class, HttpClosedException.class);
    }

    @Test
    void unreadableKeyIsAConfigurationError() throws Exception {
        HttpClientConfig config = config("cert_file: " + pki.clientCertPem + "\nkey_file: " + pki.caPem + "\n");
        assertThatThrownBy(() -> JdkHttpClients.build(config, Path::of, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls_config: key_file " + pki.caPem)
                .hasMessageContaining("no PRIVATE KEY");
        assertThatThrownBy(() -> VertxHttpClient.create(vertx, config, Path::of, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls_config: key_file " + pki.caPem)
                .hasMessageContaining("no PRIVATE KEY");
    }

    @Test
    void theVertxClientSendsServerNameAsSniAlsoToATargetAddressedByHostName() throws Exception {
        lastSni = null;
        assertThat(get(
                        Client.VERTX,
                        "ca_file: " + pki.caPem + "\nserver_name: metrics.vigil.test\n" + clientCert(),
                        "localhost"))
                .isEqualTo("up 1\n");
        assertThat(lastSni).isEqualTo("metrics.vigil.test");
        assertThat(lastHost).isEqualTo("localhost:" + server.getAddress().getPort());
    }
}
