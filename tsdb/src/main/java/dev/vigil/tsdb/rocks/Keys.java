package dev.vigil.tsdb.rocks;

import java.nio.ByteBuffer;

/**
 * Big-endian key encodings. Signed values are stored with the sign bit flipped so that byte order equals numeric order.
 */
final class Keys {
    static final byte SERIES_PREFIX = 'S';
    static final byte SERIES_RANGE_PREFIX = 'R';

    private Keys() {}

    static long flip(long signed) {
        return signed ^ Long.MIN_VALUE;
    }

    /** chunks CF: block, series id, chunk min time. */
    static byte[] chunk(long block, long seriesId, long minT) {
        return ByteBuffer.allocate(24)
                .putLong(flip(block))
                .putLong(seriesId)
                .putLong(flip(minT))
                .array();
    }

    /** The first chunk key of {@code block}. */
    static byte[] blockStart(long block) {
        return ByteBuffer.allocate(8).putLong(flip(block)).array();
    }

    static long chunkBlock(byte[] key) {
        return flip(ByteBuffer.wrap(key).getLong(0));
    }

    static long chunkSeries(byte[] key) {
        return ByteBuffer.wrap(key).getLong(8);
    }

    static long chunkMinTime(byte[] key) {
        return flip(ByteBuffer.wrap(key).getLong(16));
    }

    /** wal CF: commit sequence number. */
    static byte[] wal(long seq) {
        return ByteBuffer.allocate(8).putLong(seq).array();
    }

    static long walSeq(byte[] key) {
        return ByteBuffer.wrap(key).getLong(0);
    }

    /** index CF: series definition. */
    static byte[] series(long seriesId) {
        return ByteBuffer.allocate(9).put(SERIES_PREFIX).putLong(seriesId).array();
    }

    /** index CF: time range of a series' persisted chunks. */
    static byte[] seriesRange(long seriesId) {
        return ByteBuffer.allocate(9).put(SERIES_RANGE_PREFIX).putLong(seriesId).array();
    }

    static long seriesIdOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong(1);
    }
}
