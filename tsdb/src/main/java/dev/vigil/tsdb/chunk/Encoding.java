package dev.vigil.tsdb.chunk;

/** How a chunk encodes its values; the first byte of a serialized chunk. Timestamps are always delta-of-delta. */
public enum Encoding {
    /** Gorilla-style XOR of consecutive float64 bit patterns. */
    XOR((byte) 1),
    /**
     * Delta-of-delta of integer values, for chunks whose values are all integers of magnitude below 2^53 (counters,
     * histogram buckets, most gauges of counts). Typically a few bits per sample where XOR needs 10-30.
     */
    INTEGER_DOD((byte) 2);

    private final byte header;

    Encoding(byte header) {
        this.header = header;
    }

    public byte header() {
        return header;
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
