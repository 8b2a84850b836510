package dev.vigil.config.notifications;

import dev.vigil.config.core.PromDuration;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.util.List;
import java.util.Objects;

/**
 * A node of the routing tree with inherited settings already resolved (receiver, grouping and timing come from the
 * parent when not set; matchers, {@code continue} and time intervals do not inherit). Immutable.
 *
 * @param groupBy label names to group by; ignored when {@code groupByAll}
 * @param groupByAll {@code group_by: ['...']}: every label set is its own group
 * @param matchers all must match for an alert to enter this route ({@code match}/{@code match_re} are converted)
 * @param continueMatching {@code continue}: keep trying later siblings after this route matched
 */
public record RouteConfig(
        String receiver,
        List<String> groupBy,
        boolean groupByAll,
        List<Matcher> matchers,
        boolean continueMatching,
        PromDuration groupWait,
        PromDuration groupInterval,
        PromDuration repeatInterval,
        List<String> muteTimeIntervals,
        List<String> activeTimeIntervals,
        List<RouteConfig> routes) {
    public static final PromDuration DEFAULT_GROUP_WAIT = PromDuration.ofSeconds(30);
    public static final PromDuration DEFAULT_GROUP_INTERVAL = PromDuration.ofMinutes(5);
    public static final PromDuration DEFAULT_REPEAT_INTERVAL = PromDuration.ofMinutes(240);

    public RouteConfig {
        Objects.requireNonNull(receiver, "receiver");
        groupBy = List.copyOf(groupBy);
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(groupWait, "groupWait");
        Objects.requireNonNull(groupInterval, "groupInterval");
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
        activeTimeIntervals = List.copyOf(activeTimeIntervals);
        routes = List.copyOf(routes);
    }

    /** Whether all matchers of this route match {@code labels}. */
    public boolean matches(Labels labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
