/** Vigil alerting module. */
package dev.vigil.alerting;
