/**
 * Scrape targets: {@link dev.vigil.scraper.target.TargetBuilder} turns discovered target groups into
 * {@link dev.vigil.scraper.target.Target}s with Prometheus's target relabeling, each target carries its latest
 * {@link dev.vigil.scraper.target.ScrapeReport}, and {@link dev.vigil.scraper.target.TargetStatusRegistry} publishes
 * every pool's active and dropped targets read-only for the API and UI.
 */
package dev.vigil.scraper.target;
