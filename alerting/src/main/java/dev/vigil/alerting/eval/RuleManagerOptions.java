package dev.vigil.alerting.eval;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the rule manager that come from command-line flags (Prometheus's names and defaults).
 *
 * @param outageTolerance {@code --rules.alert.for-outage-tolerance}: how long Vigil may have been down for the
 *     {@code for} state of alerts to be restored from {@code ALERTS_FOR_STATE} (1h)
 * @param forGracePeriod {@code --rules.alert.for-grace-period}: after a restart, an alert whose {@code for} is at
 *     least this long waits at least this long before firing (10m)
 * @param resendDelay {@code --rules.alert.resend-delay}: the minimum time between sends of the same alert (1m)
 * @param restoreNewRuleGroups restore the {@code for} state of groups added by a reload too, not only at startup
 */
public record RuleManagerOptions(
        Duration outageTolerance, Duration forGracePeriod, Duration resendDelay, boolean restoreNewRuleGroups) {
    public static final RuleManagerOptions DEFAULTS =
            new RuleManagerOptions(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1), false);

    public RuleManagerOptions {
        Objects.requireNonNull(outageTolerance, "outageTolerance");
        Objects.requireNonNull(forGracePeriod, "forGracePeriod");
        Objects.requireNonNull(resendDelay, "resendDelay");
        if (resendDelay.isNegative() || outageTolerance.isNegative() || forGracePeriod.isNegative()) {
            throw new IllegalArgumentException("rule manager durations must not be negative");
        }
    }
}
