package dev.vigil.config.notifications;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.http.HttpClientConfig;
import java.util.Objects;

/**
 * Alertmanager's {@code global} block as far as Vigil's integrations use it.
 *
 * @param resolveTimeout how long after its last update an alert without an end time counts as resolved
 * @param slackApiUrl default Slack webhook URL ("" when unset)
 * @param slackApiUrlFile file holding the default Slack webhook URL ("" when unset)
 * @param httpConfig default HTTP client settings of every receiver that sets none
 */
public record NotificationGlobal(
        PromDuration resolveTimeout, String slackApiUrl, String slackApiUrlFile, HttpClientConfig httpConfig) {
    public static final PromDuration DEFAULT_RESOLVE_TIMEOUT = PromDuration.ofMinutes(5);
    public static final NotificationGlobal DEFAULT =
            new NotificationGlobal(DEFAULT_RESOLVE_TIMEOUT, "", "", HttpClientConfig.DEFAULT);

    public NotificationGlobal {
        Objects.requireNonNull(resolveTimeout, "resolveTimeout");
        Objects.requireNonNull(slackApiUrl, "slackApiUrl");
        Objects.requireNonNull(slackApiUrlFile, "slackApiUrlFile");
        Objects.requireNonNull(httpConfig, "httpConfig");
    }
}
