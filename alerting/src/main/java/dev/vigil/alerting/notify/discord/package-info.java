/** The Discord webhook integration. */
package dev.vigil.alerting.notify.discord;
