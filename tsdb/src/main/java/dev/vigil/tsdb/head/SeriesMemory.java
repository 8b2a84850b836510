package dev.vigil.tsdb.head;

import dev.vigil.model.labels.Labels;

/** Estimates the heap bytes of a head series apart from its chunks, with compressed object pointers. */
final class SeriesMemory {
    /** Object header and fields of {@link HeadSeries}. */
    private static final int SERIES_OBJECT = 112;

    private SeriesMemory() {}

    static long bytes(HeadSeries s) {
        return SERIES_OBJECT + labels(s.labels);
    }

    /** The labels object, its array and its strings as if none were shared. */
    static long labels(Labels labels) {
        long bytes = 16 + 16 + 8L * labels.size();
        for (int i = 0; i < labels.size(); i++) {
            bytes += 40 + labels.name(i).length() + 40 + labels.value(i).length();
        }
        return bytes;
    }
}
