package dev.vigil.tsdb.head;

/**
 * A chunk cut from the head and written to the store at commit {@code cutSeq}. Kept in memory while a querier opened
 * before {@code cutSeq} is open, because that querier's store snapshot does not hold it.
 */
record FrozenChunk(byte[] bytes, long minT, long maxT, long firstSample, int count, long cutSeq) {}
