/** The {@code alerting} section: alert relabeling and Alertmanager targets. */
package dev.vigil.config.alerting;
