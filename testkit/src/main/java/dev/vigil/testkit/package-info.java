/**
 * Test support for modules that use the storage API: {@link dev.vigil.testkit.InMemoryStorage}, a complete in-memory
 * {@link dev.vigil.model.storage.Storage} with Prometheus head semantics, and {@link dev.vigil.testkit.SeriesFixture}
 * to load series from text. Depend on it with test scope.
 */
package dev.vigil.testkit;
