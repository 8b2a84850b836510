package dev.vigil.config.rules;

import java.util.List;
import java.util.Objects;

/** A loaded rule file: its source name and its groups, in file order. Immutable. */
public record RuleFile(String source, List<RuleGroup> groups) {
    public RuleFile {
        Objects.requireNonNull(source, "source");
        groups = List.copyOf(groups);
    }
}
