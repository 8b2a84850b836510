package dev.vigil.alerting.notify;

import dev.vigil.model.labels.Labels;
import java.util.HashMap;
import java.util.Map;

/** Alerts of one route with the same group labels; guarded by the dispatcher's lock. */
final class AggregationGroup {
    final String key;
    final RouteNode route;
    final Labels groupLabels;
    final Map<Long, Alert> alerts = new HashMap<>();
    boolean hasFlushed;
    boolean flushing;
    boolean removed;
    Scheduler.Cancellable timer;

    AggregationGroup(RouteNode route, Labels groupLabels) {
        this.route = route;
        this.groupLabels = groupLabels;
        this.key = route.id + ":" + groupLabels;
    }
}
