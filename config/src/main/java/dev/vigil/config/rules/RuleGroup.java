package dev.vigil.config.rules;

import dev.vigil.config.core.PromDuration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of rules evaluated in order at one interval.
 *
 * @param interval empty to use the global evaluation interval
 * @param limit maximum alerts or series the group may produce, 0 for no limit
 * @param queryOffset empty to use the global rule query offset
 * @param labels labels added to every rule of the group (rule labels win)
 */
public record RuleGroup(
        String name,
        Optional<PromDuration> interval,
        long limit,
        Optional<PromDuration> queryOffset,
        Map<String, String> labels,
        List<Rule> rules) {
    public RuleGroup {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(queryOffset, "queryOffset");
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
    }
}
