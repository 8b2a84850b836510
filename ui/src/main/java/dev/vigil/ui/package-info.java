/**
 * Vigil's HTTP API (Prometheus v1 compatible) in {@code dev.vigil.ui.api}, its JSON writers in {@code
 * dev.vigil.ui.json}, and the status views the server adapts other modules to in {@code dev.vigil.ui.status}.
 */
package dev.vigil.ui;
