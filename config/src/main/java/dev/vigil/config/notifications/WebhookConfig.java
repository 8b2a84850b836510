package dev.vigil.config.notifications;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.http.HttpClientConfig;
import java.util.Objects;

/**
 * A generic webhook receiving Alertmanager's JSON payload (version 4). Exactly one of {@code url} and
 * {@code urlFile} is non-empty.
 *
 * @param maxAlerts the most alerts per payload, 0 for no limit
 * @param timeout per-request timeout, 0 for none beyond the notification's own bound
 */
public record WebhookConfig(
        boolean sendResolved,
        String url,
        String urlFile,
        int maxAlerts,
        PromDuration timeout,
        HttpClientConfig httpConfig) {
    public WebhookConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(urlFile, "urlFile");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(httpConfig, "httpConfig");
    }
}
