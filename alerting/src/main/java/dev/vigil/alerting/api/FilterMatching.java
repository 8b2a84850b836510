package dev.vigil.alerting.api;

import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.Silence;
import dev.vigil.model.labels.Matcher;
import java.util.List;

/** The {@code filter} parameters of Alertmanager's list endpoints. Stateless. */
final class FilterMatching {
    private FilterMatching() {}

    /**
     * Whether every matcher matches the alert's labels, with Alertmanager's treatment of empty values: a matcher for
     * an empty value matches an absent label, and a negative matcher for an empty value matches a present one.
     */
    static boolean matchesAlert(List<Matcher> filter, Alert alert) {
        for (Matcher m : filter) {
            String value = alert.labels().get(m.name());
            boolean present = value != null;
            if (m.type().isNegative()) {
                if (m.value().isEmpty() && present) {
                    continue;
                }
            } else if (m.value().isEmpty() && !present) {
                continue;
            }
            if (!m.matches(present ? value : "")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the silence has, for every filter matcher, a matcher with the same name, type and value. */
    static boolean silenceHasAll(Silence silence, List<Matcher> filter) {
        for (Matcher f : filter) {
            boolean found = false;
            for (Matcher m : silence.matchers()) {
                if (m.name().equals(f.name())
                        && m.type() == f.type()
                        && m.value().equals(f.value())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
