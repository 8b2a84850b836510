package dev.vigil.tsdb.rocks;

import java.util.List;

/**
 * RocksDB figures for self-metrics.
 *
 * @param sstBytes bytes of SST files over all column families
 * @param memtableBytes bytes of memtables over all column families
 * @param logBytes bytes of RocksDB's write-ahead log files
 * @param blockCacheBytes bytes held by the block cache
 * @param flushes memtable flushes since the store opened
 * @param compactions compactions since the store opened
 * @param writeFailures writes that failed since the store opened
 * @param reopens reopenings after failed writes
 */
public record StoreStats(
        List<FamilyStats> families,
        long sstBytes,
        long memtableBytes,
        long logBytes,
        long blockCacheBytes,
        long flushes,
        long compactions,
        long writeFailures,
        long reopens) {

    /** Sizes of one column family. */
    public record FamilyStats(String name, long sstBytes, long memtableBytes, long estimatedKeys) {}
}
