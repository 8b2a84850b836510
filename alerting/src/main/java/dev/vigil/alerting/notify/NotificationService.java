package dev.vigil.alerting.notify;

import dev.vigil.alerting.template.TemplateException;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.log.Log;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The in-process Alertmanager as the server runs it: silences and the notification log (persisted through one
 * {@link StateStore}, kept across reloads) and a {@link Dispatcher} built from the notification configuration.
 * {@link #apply} replaces the dispatcher when the configuration changed, carrying its alerts over (the notification
 * log keeps already sent notifications from repeating), as Alertmanager does on reload.
 *
 * <pre>{@code
 * NotificationService notifications = new NotificationService(store, new SystemScheduler(), vertx,
 *         new NotifyMetrics(registry), RetryPolicy.defaults(), externalUrl, Duration.ofHours(120));
 * notifications.apply(config);     // start and reload; throws (changing nothing) if templates fail to load
 * notifications.put(alerts);       // from the rule evaluator or POST /api/v2/alerts
 * }</pre>
 *
 * <p>Without a configuration, {@link #DEFAULT_CONFIG} applies: alerts are kept and listed, nobody is notified.
 * Thread-safe.
 */
public final class NotificationService implements AlertIntake, AutoCloseable {
    private static final Log log = Log.get(NotificationService.class);

    /** Alertmanager's smallest configuration: one route to a receiver without integrations. */
    public static final NotificationsConfig DEFAULT_CONFIG = defaultConfig();

    private final Scheduler scheduler;
    private final Vertx vertx;
    private final NotifyMetrics metrics;
    private final RetryPolicy retryPolicy;
    private final String externalUrl;
    private final Silences silences;
    private final NotificationLog notificationLog;
    private NotificationsConfig config;
    private Map<String, List<Integration>> integrations = Map.of();
    private volatile Dispatcher dispatcher;
    private boolean closed;

    /**
     * @param retention how long expired silences and notification log entries are kept (Alertmanager's
     *     {@code --data.retention}, 120h)
     */
    public NotificationService(
            StateStore store,
            Scheduler scheduler,
            Vertx vertx,
            NotifyMetrics metrics,
            RetryPolicy retryPolicy,
            String externalUrl,
            Duration retention) {
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.metrics = metrics;
        this.retryPolicy = retryPolicy;
        this.externalUrl = externalUrl;
        this.silences = new Silences(store, scheduler, retention);
        this.notificationLog = new NotificationLog(store, retention);
    }

    private static NotificationsConfig defaultConfig() {
        try {
            return NotificationsConfigLoader.parse(
                    "route:\n  receiver: default\nreceivers:\n  - name: default\n", "<default notifications>");
        } catch (ConfigException e) {
            throw new IllegalStateException("BUG: the default notification config does not load: " + e, e);
        }
    }

    /**
     * Uses {@code next} from now on. Templates and integrations are built first: if that fails, nothing changes.
     * An equal configuration keeps the running dispatcher.
     */
    public void apply(NotificationsConfig next) throws TemplateException, IOException {
        Objects.requireNonNull(next, "next");
        Dispatcher old;
        Map<String, List<Integration>> oldIntegrations;
        synchronized (this) {
            if (closed || next.equals(config)) {
                return;
            }
            NotificationTemplates templates = NotificationTemplates.load(next);
            Map<String, List<Integration>> built = Integrations.build(next, templates, vertx);
            Dispatcher created = new Dispatcher(
                    next, built, scheduler, silences, notificationLog, retryPolicy, metrics, externalUrl);
            old = dispatcher;
            oldIntegrations = integrations;
            if (old != null) {
                old.stop();
                List<Alert> carried = new ArrayList<>();
                old.alerts().forEach(s -> carried.add(s.alert()));
                created.put(carried);
            }
            dispatcher = created;
            integrations = built;
            config = next;
        }
        oldIntegrations.values().forEach(list -> list.forEach(i -> i.notifier().close()));
        log.info(
                "Notification configuration applied",
                "receivers",
                next.receivers().size());
    }

    @Override
    public List<String> put(List<Alert> alerts) {
        Dispatcher d = dispatcher;
        if (d == null) {
            return List.of("the notifier has no configuration yet");
        }
        return d.put(alerts);
    }

    /** The current alerts with their silencing, inhibition and receivers; empty before the first {@link #apply}. */
    public List<AlertStatus> alerts() {
        Dispatcher d = dispatcher;
        return d == null ? List.of() : d.alerts();
    }

    public Silences silences() {
        return silences;
    }

    /** The configuration in force; null before the first {@link #apply}. */
    public synchronized NotificationsConfig config() {
        return config;
    }

    public Instant now() {
        return scheduler.now();
    }

    /** Stops the dispatcher's timers and closes the integrations; silences and the log stay persisted. */
    @Override
    public void close() {
        Map<String, List<Integration>> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (dispatcher != null) {
                dispatcher.stop();
            }
            toClose = integrations;
        }
        toClose.values().forEach(list -> list.forEach(i -> i.notifier().close()));
    }
}
