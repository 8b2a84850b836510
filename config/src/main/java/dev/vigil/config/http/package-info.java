/**
 * Prometheus's common HTTP client configuration ({@code <http_config>}, {@code <tls_config>}, {@code <oauth2>}) as
 * immutable records, and the reader that applies its mutual-exclusion rules.
 */
package dev.vigil.config.http;
