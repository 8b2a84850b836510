/** Scrape job configuration ({@code scrape_config}) and the defaults it inherits from the global section. */
package dev.vigil.config.scrape;
