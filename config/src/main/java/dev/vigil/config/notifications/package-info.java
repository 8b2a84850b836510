/**
 * The Vigil-only {@code notifications:} section, whose body is an Alertmanager (0.25+) configuration file: global
 * settings, the routing tree, receivers (webhook, Slack and Discord), inhibition rules, time intervals and template files.
 * {@link dev.vigil.config.notifications.NotificationsConfigLoader} also loads a plain Alertmanager file.
 */
package dev.vigil.config.notifications;
