/**
 * The compressed chunk codec: {@link dev.vigil.tsdb.chunk.Chunk} appends samples with delta-of-delta timestamps and
 * either XOR-compressed floats or, while every value is an integer, delta-of-delta integers; {@link
 * dev.vigil.tsdb.chunk.ChunkIterator} decodes without per-sample objects. No RocksDB here.
 */
package dev.vigil.tsdb.chunk;
