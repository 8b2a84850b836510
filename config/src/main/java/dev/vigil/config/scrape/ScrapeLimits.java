package dev.vigil.config.scrape;

import dev.vigil.config.core.ByteSize;
import java.util.Objects;

/**
 * Per-scrape limits; 0 means "no limit". In a scrape config, a 0 value inherits the global one, as in Prometheus.
 */
public record ScrapeLimits(
        ByteSize bodySizeLimit,
        long sampleLimit,
        long labelLimit,
        long labelNameLengthLimit,
        long labelValueLengthLimit,
        long targetLimit,
        long keepDroppedTargets) {

    public static final ScrapeLimits NONE = new ScrapeLimits(ByteSize.ZERO, 0, 0, 0, 0, 0, 0);

    public ScrapeLimits {
        Objects.requireNonNull(bodySizeLimit, "bodySizeLimit");
    }

    /** These limits with every unset (zero) value taken from {@code defaults}. */
    public ScrapeLimits orElse(ScrapeLimits defaults) {
        return new ScrapeLimits(
                bodySizeLimit.isZero() ? defaults.bodySizeLimit : bodySizeLimit,
                sampleLimit == 0 ? defaults.sampleLimit : sampleLimit,
                labelLimit == 0 ? defaults.labelLimit : labelLimit,
                labelNameLengthLimit == 0 ? defaults.labelNameLengthLimit : labelNameLengthLimit,
                labelValueLengthLimit == 0 ? defaults.labelValueLengthLimit : labelValueLengthLimit,
                targetLimit == 0 ? defaults.targetLimit : targetLimit,
                keepDroppedTargets == 0 ? defaults.keepDroppedTargets : keepDroppedTargets);
    }
}
