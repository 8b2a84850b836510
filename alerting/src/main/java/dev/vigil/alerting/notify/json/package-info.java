/** Alertmanager API v2 JSON bodies for alerts and silences. */
package dev.vigil.alerting.notify.json;
