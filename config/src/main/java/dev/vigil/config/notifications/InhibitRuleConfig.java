package dev.vigil.config.notifications;

import dev.vigil.model.labels.Matcher;
import java.util.List;

/**
 * Mutes alerts matching {@code targetMatchers} while an alert matching {@code sourceMatchers} fires with the same
 * values for the {@code equal} labels. Deprecated {@code source_match(_re)}/{@code target_match(_re)} are converted to
 * matchers. Immutable.
 */
public record InhibitRuleConfig(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
    public InhibitRuleConfig {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }
}
