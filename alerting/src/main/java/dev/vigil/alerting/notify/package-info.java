/**
 * The notifier: {@link dev.vigil.alerting.notify.Dispatcher} (routing, grouping, timing, dedup), {@link
 * dev.vigil.alerting.notify.Silences}, {@link dev.vigil.alerting.notify.Inhibitor}, {@link
 * dev.vigil.alerting.notify.NotificationLog} and their persistence through {@link
 * dev.vigil.alerting.notify.StateStore}. Integrations live in subpackages; timing comes from an injected {@link
 * dev.vigil.alerting.notify.Scheduler}.
 */
package dev.vigil.alerting.notify;
