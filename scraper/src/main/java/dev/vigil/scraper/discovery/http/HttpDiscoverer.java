package dev.vigil.scraper.discovery.http;

import dev.vigil.config.core.ConfigException;
import dev.vigil.config.discovery.HttpSdConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Counter;
import dev.vigil.scraper.discovery.Discoverer;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.discovery.TargetGroupParser;
import dev.vigil.scraper.http.JdkHttpClients;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * HTTP-based discovery ({@code http_sd_configs}): GETs the URL every {@code refresh_interval} and expects HTTP 200
 * with {@code Content-Type: application/json} and a body {@code [{"targets": [...], "labels": {...}}]}. Every
 * target gets {@code __meta_url}. A failed request, another status, another content type or a body that does not
 * parse keeps the last good groups; the failure is logged and counted.
 *
 * <p>Thread-safe; requests run on one thread per discoverer, never overlapping.
 */
public final class HttpDiscoverer implements Discoverer {
    private static final Log log = Log.get(HttpDiscoverer.class);
    private static final Pattern JSON_CONTENT_TYPE =
            Pattern.compile("^(?i:application/json(;\\s*charset=(\"utf-8\"|utf-8))?)$");

    private final HttpSdConfig config;
    private final Function<String, Path> resolve;
    private final Counter failures;
    private final HttpClient client;
    private final ScheduledExecutorService poller;
    private Consumer<List<TargetGroup>> listener;
    private List<TargetGroup> lastSent;

    /**
     * @param resolve turns file paths of the HTTP settings into file system paths
     * @param failures counts failed refreshes
     * @throws IllegalArgumentException when the HTTP settings cannot be honoured
     */
    public HttpDiscoverer(HttpSdConfig config, Function<String, Path> resolve, Counter failures) {
        this.config = config;
        this.resolve = resolve;
        this.failures = Objects.requireNonNull(failures, "failures");
        this.client = JdkHttpClients.build(config.httpClient(), resolve, Duration.ofSeconds(10));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-http-sd");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(Consumer<List<TargetGroup>> listener) {
        this.listener = listener;
        long every = Math.max(1, config.refreshInterval().millis());
        poller.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            List<TargetGroup> groups = fetch();
            if (!groups.equals(lastSent)) {
                lastSent = groups;
                listener.accept(groups);
            }
        } catch (RefreshException e) {
            failures.inc();
            log.error(
                    "Unable to refresh target groups; keeping the last good ones",
                    "url",
                    config.url(),
                    "err",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.inc();
            log.error("Unable to refresh target groups; keeping the last good ones", e, "url", config.url());
        }
    }

    private List<TargetGroup> fetch() throws RefreshException, InterruptedException {
        long timeoutMillis = Math.max(1000, config.refreshInterval().millis());
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                    .GET()
                    .timeout(Duration.ofMillis(timeoutMillis))
                    .header("Accept", "application/json")
                    .header("User-Agent", "Vigil")
                    .header(
                            "X-Prometheus-Refresh-Interval-Seconds",
                            Long.toString(config.refreshInterval().millis() / 1000));
            JdkHttpClients.authorize(request, config.httpClient(), resolve);
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RefreshException("request failed: " + e);
        }
        if (response.statusCode() != 200) {
            throw new RefreshException("server returned HTTP status " + response.statusCode());
        }
        String contentType =
                response.headers().firstValue("Content-Type").orElse("").strip();
        if (!JSON_CONTENT_TYPE.matcher(contentType).matches()) {
            throw new RefreshException("unsupported content type \"" + contentType + "\"");
        }
        String url = config.url().toString();
        try {
            return TargetGroupParser.parse(response.body(), true, url, Labels.of("__meta_url", url));
        } catch (ConfigException e) {
            throw new RefreshException("invalid response body: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private static final class RefreshException extends Exception {
        RefreshException(String message) {
            super(message, null, false, false);
        }
    }
}
