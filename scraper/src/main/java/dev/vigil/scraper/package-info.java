/** Vigil scraper module. */
package dev.vigil.scraper;
