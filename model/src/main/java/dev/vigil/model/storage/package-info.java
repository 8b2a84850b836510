/**
 * The storage API between the modules: {@link dev.vigil.model.storage.Appendable}/{@link
 * dev.vigil.model.storage.Appender} on the write path, {@link dev.vigil.model.storage.Queryable}/{@link
 * dev.vigil.model.storage.Querier} on the read path, and {@link dev.vigil.model.storage.Storage} combining both.
 *
 * <p>Errors: {@link dev.vigil.model.storage.AppendException} is checked because every scrape must decide per sample
 * whether to count and continue; {@link dev.vigil.model.storage.StorageException} is unchecked because an I/O failure
 * of the store is not recoverable by the caller and is classified once at the edge (HTTP API, scrape loop).
 */
package dev.vigil.model.storage;
