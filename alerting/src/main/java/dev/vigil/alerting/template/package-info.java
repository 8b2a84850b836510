/**
 * A Go text/template engine for Prometheus alert templates and Alertmanager notification templates. Parse once with
 * {@link dev.vigil.alerting.template.Template}, execute concurrently; {@link
 * dev.vigil.alerting.template.AlertTemplateExpander} expands rule annotations the way Prometheus does, and {@link
 * dev.vigil.alerting.template.PrometheusFunctions}/{@link dev.vigil.alerting.template.NotificationFunctions} hold the
 * function sets.
 */
package dev.vigil.alerting.template;
