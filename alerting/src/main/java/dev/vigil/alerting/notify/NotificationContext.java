package dev.vigil.alerting.notify;

import dev.vigil.model.labels.Labels;
import java.time.Instant;

/**
 * What a notifier knows about the notification besides its alerts.
 *
 * @param groupKey the aggregation group's key, stable across restarts
 * @param now the flush time, against which alerts count as firing or resolved
 */
public record NotificationContext(
        String receiver, String groupKey, Labels groupLabels, Instant now, String externalURL) {}
