/** Sample-level vocabulary: the stale marker and value types. Timestamps are milliseconds since the epoch. */
package dev.vigil.model.sample;
