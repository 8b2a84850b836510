package dev.vigil.tsdb.chunk;

/** How a chunk encodes its values; the first byte of a serialized chunk. Timestamps are always delta-of-delta. */
public enum Encoding {
    /** Gorilla-style XOR of consecutive float64 bit patterns: for values without a short integer form. */
    XOR((byte) 1),
    /**
     * Scaled integers (see {@link Scale}), each coded as the change of the previous change: counters, histogram
     * buckets, CPU seconds. Typically a few bits per sample where XOR needs 10 to 40.
     */
    INTEGER_DOD((byte) 2),
    /** Scaled integers coded as the change from the previous value: gauges that wander. */
    INTEGER_DELTA((byte) 3);

    private final byte header;

    Encoding(byte header) {
        this.header = header;
    }

    public byte header() {
        return header;
    }

    boolean isInteger() {
        return this != XOR;
    }

    public static Encoding fromHeader(byte header) {
        for (Encoding e : values()) {
            if (e.header == header) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown chunk encoding byte " + header);
    }
}
