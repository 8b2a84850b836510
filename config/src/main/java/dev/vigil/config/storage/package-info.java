/** The runtime-reloadable {@code storage} section: TSDB out-of-order window, retention, exemplar buffer. */
package dev.vigil.config.storage;
