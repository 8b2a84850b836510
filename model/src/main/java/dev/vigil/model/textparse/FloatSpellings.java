package dev.vigil.model.textparse;

/**
 * Remembers the OpenMetrics spelling of recently normalised {@code le}/{@code quantile} values:
 * bucket bounds repeat across every histogram of a body, and formatting one allocates.
 */
final class FloatSpellings {
    private final long[] bits = new long[64];
    private final String[] spellings = new String[64];

    String get(double v) {
        long b = Double.doubleToRawLongBits(v);
        int slot = (int) ((b * 0x9E3779B97F4A7C15L) >>> 58);
        String cached = spellings[slot];
        if (cached != null && bits[slot] == b) {
            return cached;
        }
        String formatted = Floats.formatOpenMetrics(v);
        bits[slot] = b;
        spellings[slot] = formatted;
        return formatted;
    }
}
