package dev.vigil.tsdb.head;

/**
 * A serialized chunk with the number of its samples a reader may see ({@code visible}, at most the chunk's count).
 */
record ChunkRef(byte[] bytes, long minT, long maxT, int visible) {}
