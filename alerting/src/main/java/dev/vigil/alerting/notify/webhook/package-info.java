/** The generic webhook integration (Alertmanager payload version 4). */
package dev.vigil.alerting.notify.webhook;
