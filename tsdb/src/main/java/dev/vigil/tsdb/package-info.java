/**
 * The Vigil time-series database: {@link dev.vigil.tsdb.Tsdb} implements the storage API on RocksDB. Subpackages:
 * {@code chunk} (codec), {@code index} (postings), {@code head} (in-memory series, append and query paths) and
 * {@code rocks} (the only user of {@code org.rocksdb}).
 */
package dev.vigil.tsdb;
