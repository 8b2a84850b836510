package dev.vigil.alerting.send;

import dev.vigil.alerting.eval.NotifyFunction;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.AlertIntake;
import dev.vigil.alerting.status.AlertmanagersStatus;
import dev.vigil.config.alerting.AlertingConfig;
import dev.vigil.config.alerting.AlertmanagerConfig;
import dev.vigil.model.log.Log;
import dev.vigil.model.relabel.LabelNameScheme;
import dev.vigil.model.relabel.Relabeler;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the rule evaluator's alerts go (Prometheus's notifier manager): external labels and
 * {@code alerting.alert_relabel_configs} are applied once, then the alerts go to the in-process notifier, if any,
 * and to every Alertmanager of every {@code alertmanagers} entry.
 *
 * <pre>{@code
 * AlertSender sender = new AlertSender(vertx, SenderOptions.DEFAULTS, new SenderMetrics(registry));
 * sender.applyConfig(config.alerting(), config.global().externalLabels());   // start and reload
 * sender.sync(AlertSender.setKey(0), discoveredGroups);                        // from service discovery
 * sender.setLocalIntake(dispatcher);
 * ruleManager = new RuleManager(..., sender, ...);                             // sender::send is the NotifyFunction
 * }</pre>
 *
 * <p>Thread-safe; {@link #send} does not block on the network.
 */
public final class AlertSender implements NotifyFunction, AutoCloseable {
    private static final Log log = Log.get(AlertSender.class);

    private final Vertx vertx;
    private final SenderOptions options;
    private final SenderMetrics metrics;
    private volatile Map<String, AlertmanagerSet> sets = Map.of();
    private volatile Relabeler relabeler = Relabeler.NONE;
    private volatile Map<String, String> externalLabels = Map.of();
    private volatile AlertIntake localIntake;
    private boolean closed;

    public AlertSender(Vertx vertx, SenderOptions options, SenderMetrics metrics) {
        this.vertx = vertx;
        this.options = options;
        this.metrics = metrics;
        metrics.queueCapacity.set(options.queueCapacity());
        metrics.discovered.set(0);
    }

    /** The key of the {@code index}-th {@code alertmanagers} entry, for {@link #sync} (as Prometheus names them). */
    public static String setKey(int index) {
        return "config-" + index;
    }

    /**
     * Applies the {@code alerting} section. Entries whose configuration did not change keep their discovered
     * Alertmanagers and queues; the others start empty until {@link #sync} delivers their targets.
     */
    public synchronized void applyConfig(AlertingConfig config, Map<String, String> externalLabels) {
        if (closed) {
            return;
        }
        this.relabeler = Relabeler.of(config.alertRelabelConfigs(), LabelNameScheme.UTF8);
        this.externalLabels = Map.copyOf(externalLabels);
        Map<String, AlertmanagerSet> old = new LinkedHashMap<>(sets);
        Map<String, AlertmanagerSet> next = new LinkedHashMap<>();
        List<AlertmanagerSet> reusable = new ArrayList<>(old.values());
        for (int i = 0; i < config.alertmanagers().size(); i++) {
            AlertmanagerConfig amConfig = config.alertmanagers().get(i);
            Optional<AlertmanagerSet> same =
                    reusable.stream().filter(s -> s.config.equals(amConfig)).findFirst();
            AlertmanagerSet set;
            if (same.isPresent()) {
                set = same.get();
                reusable.remove(set);
            } else {
                set = new AlertmanagerSet(amConfig, vertx, options, metrics);
            }
            next.put(setKey(i), set);
        }
        sets = next;
        reusable.forEach(s -> s.close(false));
        updateDiscovered();
    }

    /** The in-process notifier alerts are also handed to; null for none. */
    public void setLocalIntake(AlertIntake intake) {
        this.localIntake = intake;
    }

    /** Replaces the discovered targets of entry {@code key} ({@link #setKey}); unknown keys are ignored. */
    public void sync(String key, List<DiscoveredGroup> groups) {
        AlertmanagerSet set = sets.get(key);
        if (set == null) {
            log.debug("Ignoring targets of an unknown Alertmanager set", "key", key);
            return;
        }
        set.sync(groups);
        updateDiscovered();
    }

    private void updateDiscovered() {
        metrics.discovered.set(
                sets.values().stream().mapToInt(s -> s.active().size()).sum());
    }

    @Override
    public void send(List<Alert> alerts) {
        List<Alert> relabeled = AlertRelabeling.apply(alerts, relabeler, externalLabels);
        if (relabeled.isEmpty()) {
            return;
        }
        AlertIntake intake = localIntake;
        if (intake != null) {
            List<String> problems = intake.put(relabeled);
            if (!problems.isEmpty()) {
                log.warn("The notifier rejected alerts", "count", problems.size(), "err", problems.get(0));
            }
        }
        for (AlertmanagerSet set : sets.values()) {
            set.send(relabeled);
        }
    }

    /** The Alertmanagers alerts are sent to, for {@code /api/v1/alertmanagers}. */
    public AlertmanagersStatus status() {
        List<String> active = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (AlertmanagerSet set : sets.values()) {
            active.addAll(set.active());
            dropped.addAll(set.dropped());
        }
        return new AlertmanagersStatus(active, dropped);
    }

    /** Stops sending; queued alerts are sent first when draining on shutdown is on (bounded by each timeout). */
    @Override
    public void close() {
        Map<String, AlertmanagerSet> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = sets;
            sets = Map.of();
        }
        toClose.values().forEach(s -> s.close(options.drainOnShutdown()));
    }
}
