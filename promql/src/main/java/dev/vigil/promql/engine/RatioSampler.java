package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;

/**
 * Decides deterministically, from a series' label hash, whether {@code limit_ratio} keeps it: a positive ratio keeps
 * the series whose hash falls in {@code [0, ratio)} of the hash space, a negative one those in {@code [1 + ratio, 1)},
 * so {@code limit_ratio(r, x)} and {@code limit_ratio(-(1 - r), x)} split the series into complementary sets.
 */
final class RatioSampler {
    private RatioSampler() {}

    static boolean keep(Labels labels, double ratio) {
        double position = (labels.hash() >>> 11) * 0x1.0p-53;
        return ratio >= 0 ? position < ratio : position >= 1 + ratio;
    }
}
