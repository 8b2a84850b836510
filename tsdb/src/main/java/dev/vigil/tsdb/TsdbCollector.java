package dev.vigil.tsdb;

import dev.vigil.model.metrics.Collector;
import dev.vigil.model.metrics.MetricType;
import dev.vigil.model.metrics.SampleWriter;
import dev.vigil.model.storage.StorageException;
import dev.vigil.tsdb.head.Head;
import dev.vigil.tsdb.head.HeadFigures;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreStats;
import java.util.List;

/**
 * Gauges and RocksDB counters read when metrics are collected: the head's size and memory, the WAL, and RocksDB's
 * files, memtables, flushes and compactions. Thread-safe.
 */
final class TsdbCollector implements Collector {
    private static final List<String> FAMILY = List.of("family");

    private final Head head;
    private final RocksStore store;

    TsdbCollector(Head head, RocksStore store) {
        this.head = head;
        this.store = store;
    }

    @Override
    public void collect(SampleWriter w) {
        HeadFigures f = head.figures();
        gauge(w, "vigil_tsdb_head_series", "Series in memory.", f.series());
        gauge(w, "vigil_tsdb_head_chunks", "Chunks in memory.", f.chunks());
        gauge(w, "vigil_tsdb_head_chunks_pending", "Cut chunks waiting to be persisted.", f.pendingChunks());
        gauge(w, "vigil_tsdb_head_chunks_memory_bytes", "Approximate heap bytes of chunks in memory.", f.chunkBytes());
        gauge(
                w,
                "vigil_tsdb_head_series_memory_bytes",
                "Approximate heap bytes of series, their labels and the head index.",
                f.seriesBytes());
        gauge(
                w,
                "vigil_tsdb_head_min_time",
                "Oldest sample in memory, in milliseconds since the epoch.",
                f.minTime() == Long.MAX_VALUE ? Double.NaN : f.minTime());
        gauge(
                w,
                "vigil_tsdb_head_max_time",
                "Newest sample stored, in milliseconds since the epoch.",
                f.maxTime() == Long.MIN_VALUE ? Double.NaN : f.maxTime());
        gauge(w, "vigil_tsdb_wal_size_bytes", "WAL bytes written since the last checkpoint.", f.walBytes());
        gauge(
                w,
                "vigil_tsdb_tombstone_series",
                "Series with deleted intervals not yet cleaned up.",
                f.tombstoneSeries());
        gauge(
                w,
                "vigil_tsdb_storage_writable",
                "1 when the store accepts writes, 0 after a failed write.",
                store.failed() ? 0 : 1);
        StoreStats s;
        try {
            s = store.stats();
        } catch (StorageException e) {
            return; // reopening after a failed write
        }
        w.family("vigil_tsdb_rocksdb_sst_bytes", "Bytes of RocksDB SST files, by column family.", MetricType.GAUGE);
        for (StoreStats.FamilyStats family : s.families()) {
            w.sample("vigil_tsdb_rocksdb_sst_bytes", FAMILY, List.of(family.name()), family.sstBytes());
        }
        w.family(
                "vigil_tsdb_rocksdb_memtable_bytes", "Bytes of RocksDB memtables, by column family.", MetricType.GAUGE);
        for (StoreStats.FamilyStats family : s.families()) {
            w.sample("vigil_tsdb_rocksdb_memtable_bytes", FAMILY, List.of(family.name()), family.memtableBytes());
        }
        gauge(w, "vigil_tsdb_rocksdb_log_bytes", "Bytes of RocksDB's write-ahead log files.", s.logBytes());
        gauge(w, "vigil_tsdb_rocksdb_block_cache_bytes", "Bytes held by RocksDB's block cache.", s.blockCacheBytes());
        gauge(
                w,
                "vigil_tsdb_storage_bytes",
                "Bytes the database takes (SST files, memtables and logs), as retention by size counts them.",
                s.sstBytes() + s.memtableBytes() + s.logBytes());
        counter(w, "vigil_tsdb_rocksdb_flushes_total", "RocksDB memtable flushes.", s.flushes());
        counter(w, "vigil_tsdb_compactions_total", "RocksDB compactions.", s.compactions());
        counter(w, "vigil_tsdb_store_write_failures_total", "Storage writes that failed.", s.writeFailures());
        counter(w, "vigil_tsdb_store_reopens_total", "Reopenings of the store after failed writes.", s.reopens());
    }

    private static void gauge(SampleWriter w, String name, String help, double value) {
        w.family(name, help, MetricType.GAUGE);
        w.sample(name, value);
    }

    private static void counter(SampleWriter w, String name, String help, double value) {
        w.family(name, help, MetricType.COUNTER);
        w.sample(name, value);
    }
}
