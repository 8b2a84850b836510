/** {@code /federate}: the latest samples of selected series in the Prometheus text format, for a federating scraper. */
package dev.vigil.ui.federate;
