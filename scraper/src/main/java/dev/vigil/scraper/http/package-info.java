/**
 * HTTP clients built from Prometheus's {@code <http_config>} (authentication, TLS with CA, client certificates and
 * {@code server_name}, proxies, redirects): {@link dev.vigil.scraper.http.VertxHttpClient} on
 * {@link dev.vigil.scraper.http.ScrapeVertx} for scraping, {@link dev.vigil.scraper.http.JdkHttpClients}
 * ({@code java.net.http}) for HTTP service discovery; both take their headers from
 * {@link dev.vigil.scraper.http.RequestHeaders} and their TLS material from {@code TlsContexts}.
 */
package dev.vigil.scraper.http;
