package dev.vigil.alerting.eval;

import dev.vigil.alerting.notify.Scheduler;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.alerting.status.RuleGroupStatus;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.rules.RuleFileGlobs;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Queryable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs the recording and alerting rules of the configured rule files (Prometheus's rule manager).
 *
 * <pre>{@code
 * RuleManager rules = new RuleManager(storage, storage, new EngineQueryFunction(engine), sender::send,
 *         scheduler, evaluationPool, RuleManagerOptions.DEFAULTS, new RuleMetrics(registry), externalUrl);
 * rules.update(config);            // at start and on every reload; throws and changes nothing on bad files
 * rules.groups(); rules.alerts();  // status for /api/v1/rules and /api/v1/alerts
 * rules.close();                   // before storage closes
 * }</pre>
 *
 * <p>On update, a group whose definition did not change keeps running untouched; a changed group replaces the old one
 * and takes over its alerts and series; a removed group's series are marked stale two intervals later (so a renamed
 * rule can take them over first), unless the manager is closed before. The {@code for} state of alerts is restored
 * from storage for the groups of the first update (and later ones with {@code restoreNewRuleGroups}).
 *
 * <p>Evaluations run on {@code executor}, timed by {@code scheduler}; nothing blocks the caller of {@link #update}
 * beyond waiting for a replaced group's running evaluation. Thread-safe.
 */
public final class RuleManager implements AutoCloseable {
    private static final Log log = Log.get(RuleManager.class);

    private final RuleContext ctx;
    private final String externalUrl;
    private volatile Map<String, EvaluationGroup> groups = Map.of();
    private final Set<Scheduler.Cancellable> pendingStaleMarks = ConcurrentHashMap.newKeySet();
    private boolean loadedOnce;
    private boolean closed;

    /**
     * @param appendable where recording rules and {@code ALERTS}/{@code ALERTS_FOR_STATE} samples are written
     * @param queryable read to restore {@code for} state
     * @param externalUrl the server's external URL, for generator URLs and templates
     */
    public RuleManager(
            Appendable appendable,
            Queryable queryable,
            RuleQueryFunction query,
            NotifyFunction notify,
            Scheduler scheduler,
            Executor executor,
            RuleManagerOptions options,
            RuleMetrics metrics,
            String externalUrl) {
        this.ctx = new RuleContext(appendable, queryable, query, notify, scheduler, executor, options, metrics);
        this.externalUrl = externalUrl;
        ctx.update(externalUrl, Map.of(), 0);
    }

    /** Applies the {@code rule_files}, evaluation interval, rule query offset and external labels of a config. */
    public void update(VigilConfig config) throws ConfigException {
        Path base = config.source().directory().orElse(Path.of("")).toAbsolutePath();
        List<Path> files;
        try {
            files = RuleFileGlobs.expand(base, config.ruleFiles());
        } catch (IOException e) {
            throw new ConfigException(
                    new ConfigError(config.source().name(), 1, 1, "rule_files", "cannot list rule files: " + e));
        }
        update(
                files,
                config.global().evaluationInterval().toDuration(),
                config.global().ruleQueryOffset().toDuration(),
                config.global().externalLabels());
    }

    /**
     * Loads {@code files} and replaces the running groups; on any error nothing changes and the exception lists
     * every problem found.
     */
    public synchronized void update(
            List<Path> files,
            Duration evaluationInterval,
            Duration defaultQueryOffset,
            Map<String, String> externalLabels)
            throws ConfigException {
        if (closed) {
            return;
        }
        List<GroupDefinition> definitions = RuleFiles.definitions(files, evaluationInterval);
        ctx.update(externalUrl, externalLabels, defaultQueryOffset.toMillis());
        boolean restore = !loadedOnce || ctx.options.restoreNewRuleGroups();
        loadedOnce = true;
        Map<String, EvaluationGroup> old = new LinkedHashMap<>(groups);
        Map<String, EvaluationGroup> next = new LinkedHashMap<>();
        List<EvaluationGroup> toStart = new ArrayList<>();
        for (GroupDefinition definition : definitions) {
            EvaluationGroup previous = old.remove(definition.key());
            if (previous != null && previous.definition.equals(definition)) {
                next.put(definition.key(), previous);
                continue;
            }
            EvaluationGroup group = new EvaluationGroup(definition, ctx, restore);
            if (previous != null) {
                previous.stop();
                group.copyState(previous);
            }
            ctx.metrics.addGroup(
                    group.key, group.intervalMs / 1000.0, definition.rules().size());
            next.put(definition.key(), group);
            toStart.add(group);
        }
        for (EvaluationGroup removed : old.values()) {
            removed.stop();
            ctx.metrics.removeGroup(removed.key);
            scheduleStaleMarks(removed);
        }
        groups = next;
        toStart.forEach(EvaluationGroup::start);
        log.info("Rule manager updated", "groups", next.size(), "files", files.size());
    }

    /** A removed group's series go stale after two of its intervals, unless something else wrote them meanwhile. */
    private void scheduleStaleMarks(EvaluationGroup removed) {
        List<Labels> series = removed.allSeries();
        if (series.isEmpty()) {
            return;
        }
        long staleTime = ctx.nowMs() - removed.queryOffsetMs();
        Scheduler.Cancellable[] self = new Scheduler.Cancellable[1];
        self[0] = ctx.scheduler.schedule(Duration.ofMillis(2 * removed.intervalMs), () -> {
            pendingStaleMarks.remove(self[0]);
            ctx.executor.execute(() -> StaleWriter.write(ctx, series, staleTime, removed.key));
        });
        pendingStaleMarks.add(self[0]);
    }

    /** Every group, sorted by file then name. */
    public List<RuleGroupStatus> groups() {
        List<EvaluationGroup> sorted = sortedGroups();
        List<RuleGroupStatus> out = new ArrayList<>(sorted.size());
        for (EvaluationGroup g : sorted) {
            out.add(g.status());
        }
        return out;
    }

    /** The pending and firing alerts of every alerting rule, group by group in {@link #groups()} order. */
    public List<RuleAlertStatus> alerts() {
        List<RuleAlertStatus> out = new ArrayList<>();
        for (EvaluationGroup g : sortedGroups()) {
            out.addAll(g.alerts());
        }
        return out;
    }

    private List<EvaluationGroup> sortedGroups() {
        List<EvaluationGroup> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparing((EvaluationGroup g) -> g.definition.file())
                .thenComparing(g -> g.definition.name()));
        return sorted;
    }

    /** Stops every group, waiting for running evaluations; pending stale marks are dropped, as in Prometheus. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pendingStaleMarks.forEach(Scheduler.Cancellable::cancel);
        pendingStaleMarks.clear();
        for (EvaluationGroup g : groups.values()) {
            g.stop();
        }
        log.info("Rule manager stopped");
    }
}
