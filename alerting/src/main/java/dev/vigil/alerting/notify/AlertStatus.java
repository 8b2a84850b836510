package dev.vigil.alerting.notify;

import java.util.List;

/**
 * An alert as the alerts API lists it.
 *
 * @param state {@code active}, {@code suppressed} (silenced or inhibited) or {@code unprocessed}
 * @param silencedBy ids of the active silences muting it
 * @param inhibitedBy fingerprints (hex) of the alerts inhibiting it
 * @param receivers names of the receivers of the routes it matches
 */
public record AlertStatus(
        Alert alert, String state, List<String> silencedBy, List<String> inhibitedBy, List<String> receivers) {
    public AlertStatus {
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
        receivers = List.copyOf(receivers);
    }
}
