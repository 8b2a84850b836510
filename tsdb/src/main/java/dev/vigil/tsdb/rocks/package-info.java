/**
 * The only package that imports {@code org.rocksdb}: key layout, column families, write batches and iterator
 * lifecycle. See {@link dev.vigil.tsdb.rocks.RocksStore} for the layout.
 */
package dev.vigil.tsdb.rocks;
