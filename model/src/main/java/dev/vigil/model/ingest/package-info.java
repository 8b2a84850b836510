/** Streaming ingestion of exposition text with timestamps into any {@link dev.vigil.model.storage.Appendable}. */
package dev.vigil.model.ingest;
