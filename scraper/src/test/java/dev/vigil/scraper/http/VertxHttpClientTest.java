package dev.vigil.scraper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.http.HttpClientConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the scrape client does with {@code enable_http2} and {@code proxy_url}, against Vert.x servers on loopback:
 * an HTTPS server offering HTTP/2 (certificate for {@code metrics.vigil.test} from a test CA), a plain one that would
 * accept h2c, and an HTTP proxy that answers plain requests itself and tunnels {@code CONNECT} to the HTTPS server
 * whatever host was asked for.
 */
class VertxHttpClientTest {
    @TempDir
    static Path dir;

    private static TestPki pki;
    private static Vertx serverVertx;
    private static Vertx vertx;
    private static HttpServer https;
    private static HttpServer plain;
    private static HttpServer proxy;

    private static volatile HttpVersion lastVersion;
    private static volatile String lastHost;
    private static volatile String lastProxied;
    private static volatile String lastProxyAuthorization;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir, "dns:metrics.vigil.test");
        serverVertx = Vertx.vertx();
        vertx = ScrapeVertx.create();
        HttpServerOptions tls = new HttpServerOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(pki.serverCertPem.toString())
                        .setKeyPath(pki.serverKeyPem.toString()));
        https = await(serverVertx
                .createHttpServer(tls)
                .requestHandler(VertxHttpClientTest::answer)
                .listen(0, "127.0.0.1"));
        plain = await(serverVertx
                .createHttpServer()
                .requestHandler(VertxHttpClientTest::answer)
                .listen(0, "127.0.0.1"));
        NetClient tunnels = serverVertx.createNetClient();
        proxy = await(serverVertx
                .createHttpServer()
                .requestHandler(request -> {
                    lastProxyAuthorization = request.getHeader("Proxy-Authorization");
                    if (request.method() != HttpMethod.CONNECT) {
                        lastProxied = request.uri();
                        request.response().end("proxied 1\n");
                        return;
                    }
                    lastProxied = "CONNECT " + request.uri();
                    tunnels.connect(https.actualPort(), "127.0.0.1")
                            .onSuccess(upstream -> request.toNetSocket().onSuccess(downstream -> {
                                downstream.pipeTo(upstream);
                                upstream.pipeTo(downstream);
                            }));
                })
                .listen(0, "127.0.0.1"));
    }

    private static void answer(HttpServerRequest request) {
        lastVersion = request.version();
        lastHost = request.authority() == null ? null : request.authority().toString();
        request.response().end("up 1\n");
    }

    @AfterAll
    static void stop() {
        ScrapeVertx.close(vertx);
        ScrapeVertx.close(serverVertx);
    }

    @BeforeEach
    void forget() {
        lastVersion = null;
        lastHost = null;
        lastProxied = null;
        lastProxyAuthorization = null;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static HttpClientConfig config(String httpConfig) throws Exception {
        String yaml = "scrape_configs:\n  - job_name: t\n" + httpConfig.indent(4);
        return ConfigLoader.parse(yaml, "test").scrapeConfigs().get(0).httpClient();
    }

    private static String get(String httpConfig, String url) throws Exception {
        try (VertxHttpClient client =
                VertxHttpClient.create(vertx, config(httpConfig), Path::of, Duration.ofSeconds(10))) {
            return await(client.request(client.get(URI.create(url)))
                            .compose(request -> request.send().compose(response -> response.body())))
                    .toString();
        }
    }

    private static String trustingTheTestCa() {
        return "tls_config:\n  ca_file: " + pki.caPem + "\n  server_name: metrics.vigil.test\n";
    }

    @Test
    void http2IsNegotiatedByAlpnOverTls() throws Exception {
        String url = "https://127.0.0.1:" + https.actualPort() + "/metrics";
        assertThat(get(trustingTheTestCa(), url)).isEqualTo("up 1\n");
        assertThat(lastVersion).isEqualTo(HttpVersion.HTTP_2);
        assertThat(lastHost).as("the target, not server_name").isEqualTo("127.0.0.1:" + https.actualPort());

        get(trustingTheTestCa() + "enable_http2: false\n", url);
        assertThat(lastVersion).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void plainHttpStaysHttp11WithHttp2Enabled() throws Exception {
        assertThat(get("enable_http2: true\n", "http://127.0.0.1:" + plain.actualPort() + "/metrics"))
                .isEqualTo("up 1\n");
        assertThat(lastVersion).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void plainRequestsGoToTheProxyInAbsoluteFormWithProxyCredentials() throws Exception {
        String body = get(
                "proxy_url: http://scraper:s%20cret@127.0.0.1:" + proxy.actualPort() + "\n",
                "http://target.invalid:9100/metrics?module=x");

        assertThat(body).isEqualTo("proxied 1\n");
        assertThat(lastProxied).isEqualTo("http://target.invalid:9100/metrics?module=x");
        assertThat(lastProxyAuthorization)
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("scraper:s cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tlsRequestsTunnelThroughTheProxyWithConnect() throws Exception {
        String body = get(
                trustingTheTestCa() + "proxy_url: http://127.0.0.1:" + proxy.actualPort() + "\n",
                "https://target.invalid:9443/metrics");

        assertThat(body).isEqualTo("up 1\n");
        assertThat(lastProxied).isEqualTo("CONNECT target.invalid:9443");
        assertThat(lastProxyAuthorization).isNull();
        assertThat(lastHost).isEqualTo("target.invalid:9443");
    }

    @Test
    void unsupportedSettingsAreRefusedNamingThem() throws Exception {
        assertThatThrownBy(() -> VertxHttpClient.create(
                        vertx, config("proxy_url: socks5://127.0.0.1:1080\n"), Path::of, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy_url: only http://host[:port] proxies are supported, got socks5://127.0.0.1:1080");
        HttpClientConfig oauth2 =
                config("oauth2:\n  client_id: c\n  client_secret: s\n  token_url: http://127.0.0.1/t\n");
        assertThatThrownBy(() -> VertxHttpClient.create(vertx, oauth2, Path::of, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("oauth2 is not supported");
    }
}
