package dev.vigil.tsdb.head;

/**
 * A chunk cut from a series' open chunk at commit {@code cutSeq}. It stays in memory until it is persisted (at
 * {@link #persistSeq}) and every querier opened before that has closed, because such a querier's store snapshot does
 * not hold it. {@code firstSample} numbers its first sample in the series' append order, for visibility.
 */
final class FrozenChunk {
    static final long NOT_PERSISTED = Long.MAX_VALUE;

    final byte[] bytes;
    final long minT;
    final long maxT;
    final long firstSample;
    final int count;
    final double lastValue;

    /** Commit sequence of the write that persisted it; guarded by the head's commit lock for writes. */
    volatile long persistSeq = NOT_PERSISTED;

    FrozenChunk(byte[] bytes, long minT, long maxT, long firstSample, int count, double lastValue) {
        this.bytes = bytes;
        this.minT = minT;
        this.maxT = maxT;
        this.firstSample = firstSample;
        this.count = count;
        this.lastValue = lastValue;
    }

    boolean persisted() {
        return persistSeq != NOT_PERSISTED;
    }
}
