package dev.vigil.config;

import java.util.List;
import java.util.Objects;

/** The {@code otlp} section of Prometheus 3: how OTLP resource attributes become labels. */
public record OtlpConfig(
        List<String> promoteResourceAttributes,
        boolean promoteAllResourceAttributes,
        List<String> ignoreResourceAttributes,
        String translationStrategy,
        boolean keepIdentifyingResourceAttributes,
        boolean convertHistogramsToNhcb,
        boolean promoteScopeMetadata,
        boolean labelNameUnderscoreSanitization,
        boolean labelNamePreserveMultipleUnderscores) {

    public static final String DEFAULT_TRANSLATION_STRATEGY = "UnderscoreEscapingWithSuffixes";
    public static final List<String> TRANSLATION_STRATEGIES = List.of(
            "UnderscoreEscapingWithSuffixes",
            "UnderscoreEscapingWithoutSuffixes",
            "NoUTF8EscapingWithSuffixes",
            "NoTranslation");
    public static final OtlpConfig DEFAULT =
            new OtlpConfig(List.of(), false, List.of(), DEFAULT_TRANSLATION_STRATEGY, false, false, false, true, true);

    public OtlpConfig {
        promoteResourceAttributes = List.copyOf(promoteResourceAttributes);
        ignoreResourceAttributes = List.copyOf(ignoreResourceAttributes);
        Objects.requireNonNull(translationStrategy, "translationStrategy");
    }
}
