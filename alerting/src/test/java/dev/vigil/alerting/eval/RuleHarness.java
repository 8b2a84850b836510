package dev.vigil.alerting.eval;

import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.ManualScheduler;
import dev.vigil.config.core.ConfigException;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.testkit.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule manager on in-memory storage with a manual clock: evaluations run on the test thread while
 * {@link #advanceTo} moves time, and every alert sent is recorded with the time it was sent.
 */
final class RuleHarness {
    record Sent(long atMs, Alert alert) {}

    final InMemoryStorage storage;
    final ManualScheduler clock;
    final MetricRegistry registry = new MetricRegistry();
    final RuleMetrics metrics = new RuleMetrics(registry);
    final List<Sent> sent = new ArrayList<>();
    final Path dir;
    RuleManager manager;
    RuleQueryFunction query;

    RuleHarness(Path dir, Instant start) {
        this(dir, new InMemoryStorage(), new ManualScheduler(start));
    }

    RuleHarness(Path dir, InMemoryStorage storage, ManualScheduler clock) {
        this.dir = dir;
        this.storage = storage;
        this.clock = clock;
        this.query = new EngineQueryFunction(new Engine(storage, EngineOptions.DEFAULT));
    }

    RuleManager start(RuleManagerOptions options) {
        manager = new RuleManager(
                storage,
                storage,
                (expr, t) -> query.query(expr, t),
                alerts -> {
                    synchronized (sent) {
                        long now = clock.now().toEpochMilli();
                        alerts.forEach(a -> sent.add(new Sent(now, a)));
                    }
                },
                clock,
                Runnable::run,
                options,
                metrics,
                "http://vigil.example:9090/");
        return manager;
    }

    /** Writes {@code yaml} as rule file {@code name} and (re)loads the manager with it and the other files given. */
    void load(Duration evaluationInterval, Map<String, String> files) throws ConfigException {
        List<Path> paths = new ArrayList<>();
        files.forEach((name, yaml) -> {
            Path p = dir.resolve(name);
            try {
                Files.writeString(p, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            paths.add(p);
        });
        manager.update(paths, evaluationInterval, Duration.ZERO, Map.of("cluster", "eu1"));
    }

    void load(String yaml) throws ConfigException {
        load(Duration.ofMinutes(1), Map.of("rules.yml", yaml));
    }

    /** The slot of group {@code name} in {@code rules.yml} at or before the clock, plus one interval: its first run. */
    long firstSlot(String group, Duration interval) {
        return GroupSchedule.slotAtOrBefore(
                        clock.now().toEpochMilli(), dir.resolve("rules.yml").toString(), group, interval.toMillis())
                + interval.toMillis();
    }

    void advanceTo(long ms) {
        clock.advance(Duration.ofMillis(ms - clock.now().toEpochMilli()));
    }

    void append(Labels series, long t, double v) {
        Appender app = storage.appender();
        try {
            app.append(0, series, t, v);
        } catch (AppendException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        app.commit();
    }

    /** Every sample of every series selected by {@code matchers}, by series. */
    Map<Labels, List<double[]>> read(Matcher... matchers) {
        Map<Labels, List<double[]>> out = new LinkedHashMap<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, matchers);
            while (set.next()) {
                List<double[]> samples = new ArrayList<>();
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    samples.add(new double[] {it.timestamp(), it.value()});
                }
                out.put(set.at().labels(), samples);
            }
        }
        return out;
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    void clearSent() {
        synchronized (sent) {
            sent.clear();
        }
    }
}
