package dev.vigil.model.relabel;

import java.util.Locale;
import java.util.Optional;

/**
 * The relabeling actions of Prometheus's {@code relabel_config}. Each constant knows its configuration name, which
 * is matched case-insensitively as Prometheus does.
 */
public enum RelabelAction {
    REPLACE("replace"),
    KEEP("keep"),
    DROP("drop"),
    KEEPEQUAL("keepequal"),
    DROPEQUAL("dropequal"),
    HASHMOD("hashmod"),
    LABELMAP("labelmap"),
    LABELDROP("labeldrop"),
    LABELKEEP("labelkeep"),
    LOWERCASE("lowercase"),
    UPPERCASE("uppercase");

    private final String configName;

    RelabelAction(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration files, e.g. {@code labelmap}. */
    public String configName() {
        return configName;
    }

    /** Finds the action for a configuration name, ignoring case; empty if there is none. */
    public static Optional<RelabelAction> fromConfigName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (RelabelAction action : values()) {
            if (action.configName.equals(lower)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return configName;
    }
}
