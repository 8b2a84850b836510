package dev.vigil.scraper.discovery.http;

import dev.vigil.config.http.Authorization;
import dev.vigil.config.http.BasicAuth;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpHeader;
import dev.vigil.config.http.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds {@code java.net.http} clients and request headers from Prometheus's {@code <http_config>}.
 *
 * <p>Supported: {@code basic_auth} (inline or files), {@code authorization}/{@code bearer_token} (inline or file,
 * re-read on every request so rotated tokens work), {@code http_headers} (plain values and files),
 * {@code tls_config} {@code ca}/{@code ca_file}, {@code insecure_skip_verify}, {@code min_version}/
 * {@code max_version}, {@code follow_redirects}, {@code enable_http2} and {@code proxy_url}. Not supported by this
 * builder (rejected with a clear error): client certificates ({@code cert}/{@code key}), {@code server_name},
 * {@code oauth2}. Stateless.
 */
public final class JdkHttpClients {
    private JdkHttpClients() {}

    /**
     * @param resolve turns file paths from the configuration into file system paths
     * @throws IllegalArgumentException naming the unsupported or unreadable setting
     */
    public static HttpClient build(HttpClientConfig config, Function<String, Path> resolve, Duration connectTimeout) {
        TlsConfig tls = config.tlsConfig();
        if (!tls.cert().isEmpty()
                || !tls.certFile().isEmpty()
                || !tls.serverName().isEmpty()) {
            throw new IllegalArgumentException(
                    "tls_config: client certificates and server_name are not supported for discovery yet");
        }
        if (config.oauth2().isPresent()) {
            throw new IllegalArgumentException("oauth2 is not supported for discovery yet");
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(config.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .version(config.enableHttp2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if (!config.proxy().proxyUrl().isEmpty()) {
            URI proxy = URI.create(config.proxy().proxyUrl());
            int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
            builder.proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), port)));
        }
        try {
            SSLContext ssl = sslContext(tls, resolve);
            if (ssl != null) {
                builder.sslContext(ssl);
            }
            SSLParameters params = new SSLParameters();
            if (tls.minVersion().isPresent() || tls.maxVersion().isPresent()) {
                int min = tls.minVersion().orElse(TlsConfig.TlsVersion.TLS12).ordinal();
                int max = tls.maxVersion().orElse(TlsConfig.TlsVersion.TLS13).ordinal();
                String[] protocols = new String[max - min + 1];
                for (int i = min; i <= max; i++) {
                    protocols[i - min] = TlsConfig.TlsVersion.values()[i].javaName();
                }
                params.setProtocols(protocols);
                builder.sslParameters(params);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls_config: cannot load CA certificates: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** Adds authentication and custom headers; secrets in files are read now, so rotation takes effect. */
    public static HttpRequest.Builder authorize(
            HttpRequest.Builder request, HttpClientConfig config, Function<String, Path> resolve) throws IOException {
        for (Map.Entry<String, HttpHeader> header : config.httpHeaders().entrySet()) {
            for (String value : header.getValue().values()) {
                request.header(header.getKey(), value);
            }
            for (String value : header.getValue().secrets()) {
                request.header(header.getKey(), value);
            }
            for (String file : header.getValue().files()) {
                request.header(header.getKey(), read(resolve, file));
            }
        }
        if (config.basicAuth().isPresent()) {
            BasicAuth basic = config.basicAuth().get();
            String user = basic.usernameFile().isEmpty() ? basic.username() : read(resolve, basic.usernameFile());
            String password = basic.passwordFile().isEmpty() ? basic.password() : read(resolve, basic.passwordFile());
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.setHeader("Authorization", "Basic " + token);
        }
        if (config.authorization().isPresent()) {
            Authorization auth = config.authorization().get();
            String credentials =
                    auth.credentialsFile().isEmpty() ? auth.credentials() : read(resolve, auth.credentialsFile());
            request.setHeader("Authorization", auth.type() + " " + credentials);
        }
        return request;
    }

    private static String read(Function<String, Path> resolve, String file) throws IOException {
        return Files.readString(resolve.apply(file), StandardCharsets.UTF_8).strip();
    }

    private static SSLContext sslContext(TlsConfig tls, Function<String, Path> resolve)
            throws IOException, GeneralSecurityException {
        TrustManager[] trust;
        if (tls.insecureSkipVerify()) {
            trust = new TrustManager[] {new TrustAll()};
        } else if (!tls.ca().isEmpty() || !tls.caFile().isEmpty()) {
            byte[] pem = tls.ca().isEmpty()
                    ? Files.readAllBytes(resolve.apply(tls.caFile()))
                    : tls.ca().getBytes(StandardCharsets.UTF_8);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            try (InputStream in = new ByteArrayInputStream(pem)) {
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + i++, cert);
                }
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate found in CA PEM");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            trust = factory.getTrustManagers();
        } else {
            return null;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust, null);
        return context;
    }

    /** insecure_skip_verify: accepts any certificate and host name, as the user asked. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
