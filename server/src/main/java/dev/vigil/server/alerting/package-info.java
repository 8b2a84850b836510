/**
 * Wiring of rule evaluation, alert sending and the in-process notifier into the server: built after storage opens,
 * applied on every reload, stopped before storage closes.
 */
package dev.vigil.server.alerting;
