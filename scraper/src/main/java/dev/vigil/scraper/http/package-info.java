/**
 * The HTTP client side shared by scraping and HTTP service discovery: {@code java.net.http} clients built from
 * Prometheus's {@code <http_config>} (authentication, TLS with CA, client certificates and {@code server_name},
 * proxies, redirects).
 */
package dev.vigil.scraper.http;
