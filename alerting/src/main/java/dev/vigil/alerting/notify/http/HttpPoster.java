package dev.vigil.alerting.notify.http;

import dev.vigil.alerting.notify.NotifyResult;
import dev.vigil.config.http.Authorization;
import dev.vigil.config.http.BasicAuth;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.ProxyConfig;
import dev.vigil.config.http.TlsConfig;
import dev.vigil.model.log.Log;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Posts a JSON body with Vert.x and classifies the response for retrying: 2xx is success; 5xx, 429 and network
 * errors are retryable (with the server's {@code Retry-After}, if any); other statuses fail for good, with the
 * response body (truncated) in the message. Applies the {@code http_config} subset Vigil supports: basic auth,
 * authorization header, custom headers, redirects, TLS CA/client certificate/{@code insecure_skip_verify} and an
 * HTTP or SOCKS5 {@code proxy_url}; OAuth 2.0 and the other settings are logged as ignored. Secret files are read on
 * every send so rotations apply without reload. Thread-safe.
 */
public final class HttpPoster {
    private static final int MAX_BODY_IN_MESSAGE = 1024;
    private static final Log log = Log.get(HttpPoster.class);

    private final HttpClient client;
    private final HttpClientConfig config;
    private final Duration timeout;

    public HttpPoster(Vertx vertx, HttpClientConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        this.client = vertx.createHttpClient(options(config));
    }

    private static HttpClientOptions options(HttpClientConfig config) {
        HttpClientOptions options = new HttpClientOptions();
        TlsConfig tls = config.tlsConfig();
        if (tls.insecureSkipVerify()) {
            options.setTrustAll(true).setVerifyHost(false);
        }
        if (!tls.caFile().isEmpty() || !tls.ca().isEmpty()) {
            PemTrustOptions trust = new PemTrustOptions();
            if (!tls.caFile().isEmpty()) {
                trust.addCertPath(tls.caFile());
            } else {
                trust.addCertValue(Buffer.buffer(tls.ca()));
            }
            options.setTrustOptions(trust);
        }
        boolean hasCert = !tls.certFile().isEmpty() || !tls.cert().isEmpty();
        boolean hasKey = !tls.keyFile().isEmpty() || !tls.key().isEmpty();
        if (hasCert && hasKey) {
            PemKeyCertOptions keyCert = new PemKeyCertOptions();
            if (!tls.certFile().isEmpty()) {
                keyCert.setCertPath(tls.certFile());
            } else {
                keyCert.setCertValue(Buffer.buffer(tls.cert()));
            }
            if (!tls.keyFile().isEmpty()) {
                keyCert.setKeyPath(tls.keyFile());
            } else {
                keyCert.setKeyValue(Buffer.buffer(tls.key()));
            }
            options.setKeyCertOptions(keyCert);
        }
        ProxyConfig proxy = config.proxy();
        if (!proxy.proxyUrl().isEmpty()) {
            URI url = URI.create(proxy.proxyUrl());
            ProxyOptions proxyOptions = new ProxyOptions()
                    .setHost(url.getHost())
                    .setPort(url.getPort() > 0 ? url.getPort() : 3128)
                    .setType(url.getScheme().startsWith("socks") ? ProxyType.SOCKS5 : ProxyType.HTTP);
            options.setProxyOptions(proxyOptions);
        }
        if (config.oauth2().isPresent()
                || proxy.proxyFromEnvironment()
                || !tls.serverName().isEmpty()
                || tls.minVersion().isPresent()
                || tls.maxVersion().isPresent()
                || !proxy.noProxy().isEmpty()) {
            log.warn("Ignoring http_config settings the notifier does not support yet"
                    + " (oauth2, proxy_from_environment, no_proxy, tls server_name/min_version/max_version)");
        }
        return options;
    }

    /** Posts {@code body} (JSON) to the URL the supplier gives; completes normally in every case. */
    public CompletionStage<NotifyResult> post(Supplier<String> url, String body) {
        RequestOptions request;
        try {
            request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(url.get())
                    .setFollowRedirects(config.followRedirects())
                    .setTimeout(timeout.toMillis())
                    .putHeader("Content-Type", "application/json")
                    .putHeader("User-Agent", "Vigil");
            authorization().ifPresent(value -> request.putHeader("Authorization", value));
            config.httpHeaders().forEach((name, header) -> {
                header.values().forEach(v -> request.addHeader(name, v));
                header.secrets().forEach(v -> request.addHeader(name, v));
                header.files().forEach(f -> request.addHeader(name, readSecret(f)));
            });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    new NotifyResult.Failed("other", "cannot build request: " + e.getMessage()));
        }
        CompletableFuture<NotifyResult> result = new CompletableFuture<>();
        client.request(request)
                .compose(req -> req.send(Buffer.buffer(body, "UTF-8")))
                .compose(resp -> resp.body().map(b -> classify(resp.statusCode(), resp.getHeader("Retry-After"), b)))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(ar.result());
                    } else {
                        Throwable e = ar.cause();
                        String reason = e instanceof TimeoutException
                                        || String.valueOf(e.getMessage()).contains("timeout")
                                ? "contextCanceledOrDeadlineExceeded"
                                : "other";
                        result.complete(new NotifyResult.Retryable(reason, "request failed: " + e, Optional.empty()));
                    }
                });
        return result;
    }

    static NotifyResult classify(int status, String retryAfter, Buffer body) {
        if (status / 100 == 2) {
            return NotifyResult.SUCCESS;
        }
        String text = body.toString(StandardCharsets.UTF_8);
        if (text.length() > MAX_BODY_IN_MESSAGE) {
            text = text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
        }
        String message = "unexpected status code " + status + ": " + text;
        if (status == 429 || status / 100 == 5) {
            return new NotifyResult.Retryable(
                    status == 429 ? "clientError" : "serverError", message, parseRetryAfter(retryAfter));
        }
        return new NotifyResult.Failed("clientError", message);
    }

    /** {@code Retry-After} as (possibly fractional) delay-seconds or an HTTP date (relative to the wall clock, as the server meant it). */
    static Optional<Duration> parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        // Discord sends fractional seconds; HTTP itself only integers.
        if (value.matches("[0-9]{1,9}(\\.[0-9]{1,3})?")) {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Optional<String> authorization() {
        if (config.basicAuth().isPresent()) {
            BasicAuth auth = config.basicAuth().get();
            String user = auth.usernameFile().isEmpty() ? auth.username() : readSecret(auth.usernameFile());
            String password = auth.passwordFile().isEmpty() ? auth.password() : readSecret(auth.passwordFile());
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return Optional.of("Basic " + token);
        }
        if (config.authorization().isPresent()) {
            Authorization auth = config.authorization().get();
            String credentials =
                    auth.credentialsFile().isEmpty() ? auth.credentials() : readSecret(auth.credentialsFile());
            return Optional.of(auth.type() + " " + credentials);
        }
        return Optional.empty();
    }

    /** Reads a secret or URL file, trimming surrounding whitespace as Prometheus does. */
    public static String readSecret(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void close() {
        client.close();
    }
}
