package dev.vigil.alerting.eval;

import dev.vigil.model.labels.Labels;

/**
 * When a group evaluates: on multiples of its interval shifted by an offset derived from a hash of its file and name,
 * so groups with the same interval spread out instead of all running at once, and a group keeps its slots across
 * restarts and reloads (as Prometheus does, with its own hash). Stateless.
 */
public final class GroupSchedule {
    private GroupSchedule() {}

    /** The group's offset within its interval, in {@code [0, intervalMs)}. */
    public static long offsetMs(String file, String name, long intervalMs) {
        long hash = Labels.of("name", name, "file", file).hash();
        return Long.remainderUnsigned(hash, intervalMs);
    }

    /** The latest evaluation slot of the group at or before {@code nowMs}. */
    public static long slotAtOrBefore(long nowMs, String file, String name, long intervalMs) {
        long offset = offsetMs(file, name, intervalMs);
        long adjusted = nowMs - offset;
        return adjusted - Math.floorMod(adjusted, intervalMs) + offset;
    }
}
