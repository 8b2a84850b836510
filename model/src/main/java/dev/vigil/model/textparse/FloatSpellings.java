package dev.vigil.model.textparse;

/**
 * Remembers the OpenMetrics spelling of recently normalised {@code le}/{@code quantile} values:
 * bucket bounds repeat across every histogram of a body, and formatting one allocates. Two-way
 * set-associative, so the dozen or two bounds of a typical body do not evict each other.
 */
final class FloatSpellings {
    private static final int SETS = 128;

    private final long[] bits = new long[2 * SETS];
    private final String[] spellings = new String[2 * SETS];

    String get(double v) {
        long b = Double.doubleToRawLongBits(v);
        int first = (int) ((b * 0x9E3779B97F4A7C15L) >>> 57) << 1;
        if (spellings[first] != null && bits[first] == b) {
            return spellings[first];
        }
        String s;
        if (spellings[first + 1] != null && bits[first + 1] == b) {
            s = spellings[first + 1];
        } else {
            s = Floats.formatOpenMetrics(v);
        }
        bits[first + 1] = bits[first];
        spellings[first + 1] = spellings[first];
        bits[first] = b;
        spellings[first] = s;
        return s;
    }
}
