package dev.vigil.alerting.notify;

import dev.vigil.config.core.Names;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.TimeIntervalConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notification half of Alertmanager: takes alerts ({@link AlertIntake}), routes them through the routing tree,
 * groups them per route and group labels, and flushes each group {@code group_wait} after it appears and every
 * {@code group_interval} after that. A flush drops silenced and inhibited alerts (and everything while the route is
 * in a mute time interval or outside its active ones), asks the {@link NotificationLog} whether each integration
 * needs the notification (new firing alerts, newly resolved ones with {@code send_resolved}, or
 * {@code repeat_interval} elapsed) and delivers with retries bounded by the group interval. Resolved alerts leave
 * their group once notified; empty groups are removed.
 *
 * <p>Thread-safe: state changes happen under one lock; deliveries run asynchronously outside it. All timing comes
 * from the injected {@link Scheduler}.
 */
public final class Dispatcher implements AlertIntake {
    private static final Log log = Log.get(Dispatcher.class);
    private static final Duration MIN_DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GC_INTERVAL = Duration.ofMinutes(30);

    private final NotificationsConfig config;
    private final RouteNode root;
    private final Map<String, List<Integration>> integrations;
    private final Scheduler scheduler;
    private final Silences silences;
    private final NotificationLog notificationLog;
    private final Inhibitor inhibitor;
    private final Delivery delivery;
    private final NotifyMetrics metrics;
    private final String externalURL;
    private final Map<Long, Alert> alerts = new HashMap<>();
    private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
    private Scheduler.Cancellable gcTimer;
    private boolean stopped;

    /**
     * @param integrations the integrations of each receiver by receiver name (see {@link Integrations})
     */
    public Dispatcher(
            NotificationsConfig config,
            Map<String, List<Integration>> integrations,
            Scheduler scheduler,
            Silences silences,
            NotificationLog notificationLog,
            RetryPolicy retryPolicy,
            NotifyMetrics metrics,
            String externalURL) {
        this.config = config;
        this.root = RouteNode.root(config.route());
        this.integrations = Map.copyOf(integrations);
        this.scheduler = scheduler;
        this.silences = silences;
        this.notificationLog = notificationLog;
        this.inhibitor = new Inhibitor(config.inhibitRules());
        this.delivery = new Delivery(scheduler, retryPolicy, metrics);
        this.metrics = metrics;
        this.externalURL = externalURL;
        synchronized (this) {
            gcTimer = scheduler.schedule(GC_INTERVAL, this::gc);
        }
    }

    @Override
    public List<String> put(List<Alert> incoming) {
        List<String> problems = new ArrayList<>();
        synchronized (this) {
            Instant now = scheduler.now();
            for (Alert alert : incoming) {
                Optional<String> problem = validate(alert);
                if (problem.isPresent()) {
                    metrics.alertsInvalid.inc();
                    problems.add(problem.get());
                    continue;
                }
                Alert stored = store(alert, now);
                metrics.alertsReceived
                        .labels(stored.isResolvedAt(now) ? "resolved" : "firing")
                        .inc();
                if (!stopped) {
                    route(stored, now);
                }
            }
        }
        return problems;
    }

    private static Optional<String> validate(Alert alert) {
        if (alert.labels().isEmpty()) {
            return Optional.of("at least one label pair required");
        }
        for (int i = 0; i < alert.labels().size(); i++) {
            if (!Names.isValidLabelName(alert.labels().name(i))) {
                return Optional.of(
                        "invalid label set: invalid name \"" + alert.labels().name(i) + "\"");
            }
        }
        for (String name : alert.annotations().keySet()) {
            if (!Names.isValidLabelName(name)) {
                return Optional.of("invalid annotations: invalid name \"" + name + "\"");
            }
        }
        if (alert.endsAt().isPresent() && alert.endsAt().get().isBefore(alert.startsAt())) {
            return Optional.of("start time must be before end time");
        }
        return Optional.empty();
    }

    private Alert store(Alert alert, Instant now) {
        Alert incoming = alert;
        if (alert.endsAt().isEmpty()) {
            incoming = alert.withUpdate(
                    alert.startsAt(),
                    Optional.of(now.plus(config.global().resolveTimeout().toDuration())),
                    now,
                    true);
        } else {
            incoming = alert.withUpdate(alert.startsAt(), alert.endsAt(), now, alert.timeout());
        }
        Alert existing = alerts.get(incoming.fingerprint());
        Alert merged = incoming;
        // A report that starts after the stored alert ended is a new incarnation, not an update.
        if (existing != null
                && !(existing.endsAt().isPresent() && existing.endsAt().get().isBefore(incoming.startsAt()))) {
            merged = existing.mergeWith(incoming, now);
        }
        alerts.put(merged.fingerprint(), merged);
        inhibitor.observe(merged);
        return merged;
    }

    private void route(Alert alert, Instant now) {
        for (RouteNode node : root.match(alert.labels())) {
            Labels groupLabels = node.groupLabels(alert.labels());
            String key = node.id + ":" + groupLabels;
            AggregationGroup group = groups.get(key);
            boolean created = group == null;
            if (created) {
                group = new AggregationGroup(node, groupLabels);
                groups.put(key, group);
            }
            group.alerts.put(alert.fingerprint(), alert);
            Duration groupWait = node.config.groupWait().toDuration();
            boolean old = alert.startsAt().plus(groupWait).isBefore(now);
            if (created) {
                schedule(group, old ? Duration.ZERO : groupWait);
            } else if (!group.hasFlushed && old && !group.flushing) {
                // An alert older than group_wait does not wait again.
                schedule(group, Duration.ZERO);
            }
        }
    }

    private void schedule(AggregationGroup group, Duration delay) {
        if (group.timer != null) {
            group.timer.cancel();
        }
        group.timer = scheduler.schedule(delay, () -> flush(group));
    }

    private record Job(Integration integration, List<Alert> alerts, Set<Long> firing, Set<Long> resolved) {}

    private void flush(AggregationGroup group) {
        List<Job> jobs = new ArrayList<>();
        List<Alert> snapshot;
        NotificationContext context;
        Instant deadline;
        synchronized (this) {
            if (group.removed || stopped) {
                return;
            }
            Instant now = scheduler.now();
            group.timer = scheduler.schedule(group.route.config.groupInterval().toDuration(), () -> flush(group));
            if (group.flushing) {
                log.warn("Skipping flush, the previous one is still running", "group", group.key);
                return;
            }
            group.hasFlushed = true;
            snapshot = new ArrayList<>(group.alerts.values());
            snapshot.sort(Comparator.comparing(Alert::labels));
            if (isMutedByTime(group, now)) {
                return;
            }
            List<Alert> notifiable = new ArrayList<>();
            for (Alert a : snapshot) {
                if (silences.mutedBy(a.labels(), now).isEmpty()
                        && inhibitor.inhibitedBy(a.labels(), now).isEmpty()) {
                    notifiable.add(a);
                }
            }
            Set<Long> firing = new LinkedHashSet<>();
            Set<Long> resolved = new LinkedHashSet<>();
            List<Alert> firingAlerts = new ArrayList<>();
            for (Alert a : notifiable) {
                if (a.isResolvedAt(now)) {
                    resolved.add(a.fingerprint());
                } else {
                    firing.add(a.fingerprint());
                    firingAlerts.add(a);
                }
            }
            context = new NotificationContext(
                    group.route.config.receiver(), group.key, group.groupLabels, now, externalURL);
            deadline = now.plus(max(group.route.config.groupInterval().toDuration(), MIN_DELIVERY_TIMEOUT));
            if (!notifiable.isEmpty()) {
                Duration repeat = group.route.config.repeatInterval().toDuration();
                for (Integration integration : integrations.getOrDefault(context.receiver(), List.of())) {
                    boolean sendResolved = integration.notifier().sendResolved();
                    Optional<NotificationLog.Entry> entry = notificationLog.query(group.key, integration.key());
                    if (!needsUpdate(entry, firing, resolved, sendResolved, repeat, now)) {
                        continue;
                    }
                    List<Alert> toSend = sendResolved ? notifiable : firingAlerts;
                    jobs.add(new Job(integration, toSend, firing, resolved));
                }
            }
            if (jobs.isEmpty()) {
                removeNotifiedResolved(group, snapshot, now);
                return;
            }
            group.flushing = true;
        }
        run(group, jobs, snapshot, context, deadline);
    }

    private void run(
            AggregationGroup group,
            List<Job> jobs,
            List<Alert> snapshot,
            NotificationContext context,
            Instant deadline) {
        AtomicInteger remaining = new AtomicInteger(jobs.size());
        AtomicBoolean allOk = new AtomicBoolean(true);
        for (Job job : jobs) {
            CompletionStage<Boolean> sent = job.alerts().isEmpty()
                    ? java.util.concurrent.CompletableFuture.completedFuture(true)
                    : delivery.deliver(job.integration(), context, job.alerts(), deadline);
            sent.whenComplete((ok, error) -> {
                boolean success = error == null && Boolean.TRUE.equals(ok);
                if (success) {
                    notificationLog.log(
                            group.key, job.integration().key(), job.firing(), job.resolved(), context.now());
                } else {
                    allOk.set(false);
                }
                if (remaining.decrementAndGet() == 0) {
                    synchronized (this) {
                        group.flushing = false;
                        if (allOk.get()) {
                            removeNotifiedResolved(group, snapshot, context.now());
                        }
                    }
                }
            });
        }
    }

    /**
     * Alertmanager's dedup rule: notify when there is no record yet and something fires, when an alert fires that
     * was not notified firing, when everything resolved after something was notified firing, when a resolved alert
     * was not yet notified (only with send_resolved), or when the repeat interval has passed.
     */
    static boolean needsUpdate(
            Optional<NotificationLog.Entry> entry,
            Set<Long> firing,
            Set<Long> resolved,
            boolean sendResolved,
            Duration repeat,
            Instant now) {
        if (entry.isEmpty()) {
            return !firing.isEmpty();
        }
        NotificationLog.Entry e = entry.get();
        if (!e.firing().containsAll(firing)) {
            return true;
        }
        if (firing.isEmpty()) {
            return !e.firing().isEmpty();
        }
        if (sendResolved && !e.resolved().containsAll(resolved)) {
            return true;
        }
        return !e.timestamp().isAfter(now.minus(repeat));
    }

    private boolean isMutedByTime(AggregationGroup group, Instant now) {
        for (String name : group.route.config.muteTimeIntervals()) {
            if (config.timeInterval(name).map(t -> t.contains(now)).orElse(false)) {
                return true;
            }
        }
        List<String> active = group.route.config.activeTimeIntervals();
        if (active.isEmpty()) {
            return false;
        }
        for (String name : active) {
            Optional<TimeIntervalConfig> interval = config.timeInterval(name);
            if (interval.isPresent() && interval.get().contains(now)) {
                return false;
            }
        }
        return true;
    }

    private void removeNotifiedResolved(AggregationGroup group, List<Alert> snapshot, Instant now) {
        for (Alert a : snapshot) {
            // Only alerts unchanged since the flush leave: a newer report of the same alert must be notified.
            if (a.isResolvedAt(now) && group.alerts.get(a.fingerprint()) == a) {
                group.alerts.remove(a.fingerprint());
            }
        }
        if (group.alerts.isEmpty() && !group.removed) {
            group.removed = true;
            if (group.timer != null) {
                group.timer.cancel();
            }
            groups.remove(group.key);
        }
    }

    private void gc() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            Instant now = scheduler.now();
            Set<Long> grouped = new HashSet<>();
            groups.values().forEach(g -> grouped.addAll(g.alerts.keySet()));
            alerts.values().removeIf(a -> {
                boolean drop = a.isResolvedAt(now) && !grouped.contains(a.fingerprint());
                if (drop) {
                    inhibitor.forget(a);
                }
                return drop;
            });
            gcTimer = scheduler.schedule(GC_INTERVAL, this::gc);
        }
        silences.gc();
        notificationLog.gc(scheduler.now());
    }

    /** The current alerts with their silencing, inhibition and routing, sorted by labels. */
    public synchronized List<AlertStatus> alerts() {
        Instant now = scheduler.now();
        List<AlertStatus> out = new ArrayList<>();
        List<Alert> sorted = new ArrayList<>(alerts.values());
        sorted.sort(Comparator.comparing(Alert::labels));
        for (Alert a : sorted) {
            List<String> silencedBy = silences.mutedBy(a.labels(), now);
            List<String> inhibitedBy = inhibitor.inhibitedBy(a.labels(), now).stream()
                    .map(fp -> String.format("%016x", fp))
                    .toList();
            Set<String> receivers = new LinkedHashSet<>();
            root.match(a.labels()).forEach(n -> receivers.add(n.config.receiver()));
            String state = silencedBy.isEmpty() && inhibitedBy.isEmpty() ? "active" : "suppressed";
            out.add(new AlertStatus(a, state, silencedBy, inhibitedBy, List.copyOf(receivers)));
        }
        return out;
    }

    /** The number of groups whose notifications are being delivered right now. */
    public synchronized int flushesInProgress() {
        return (int) groups.values().stream().filter(g -> g.flushing).count();
    }

    /** The number of aggregation groups, for tests and self-metrics. */
    public synchronized int groupCount() {
        return groups.size();
    }

    /** Stops all timers; alerts put afterwards are stored but not routed. */
    public synchronized void stop() {
        stopped = true;
        groups.values().forEach(g -> {
            if (g.timer != null) {
                g.timer.cancel();
            }
        });
        if (gcTimer != null) {
            gcTimer.cancel();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
