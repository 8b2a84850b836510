package dev.vigil.config.notifications;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated notification configuration (an Alertmanager config file's content). Every route has its inherited
 * settings resolved; every receiver and time interval a route names exists. Immutable.
 *
 * @param templates template file globs as written; resolve relative ones against {@code directory}
 * @param directory the directory of the file the section came from, if any
 */
public record NotificationsConfig(
        NotificationGlobal global,
        RouteConfig route,
        List<ReceiverConfig> receivers,
        List<InhibitRuleConfig> inhibitRules,
        List<TimeIntervalConfig> timeIntervals,
        List<String> templates,
        Optional<Path> directory) {

    public NotificationsConfig {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(route, "route");
        receivers = List.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
        timeIntervals = List.copyOf(timeIntervals);
        templates = List.copyOf(templates);
        Objects.requireNonNull(directory, "directory");
    }

    public Optional<ReceiverConfig> receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<TimeIntervalConfig> timeInterval(String name) {
        return timeIntervals.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
