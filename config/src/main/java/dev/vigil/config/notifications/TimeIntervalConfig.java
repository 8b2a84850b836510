package dev.vigil.config.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A named set of time intervals; a time is inside when any interval contains it. Immutable. */
public record TimeIntervalConfig(String name, List<TimeInterval> intervals) {
    public TimeIntervalConfig {
        Objects.requireNonNull(name, "name");
        intervals = List.copyOf(intervals);
    }

    public boolean contains(Instant t) {
        for (TimeInterval interval : intervals) {
            if (interval.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
