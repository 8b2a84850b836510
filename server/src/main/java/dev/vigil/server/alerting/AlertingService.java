package dev.vigil.server.alerting;

import dev.vigil.alerting.api.AlertmanagerApi;
import dev.vigil.alerting.api.StatusInfo;
import dev.vigil.alerting.eval.EngineQueryFunction;
import dev.vigil.alerting.eval.RuleManager;
import dev.vigil.alerting.eval.RuleMetrics;
import dev.vigil.alerting.notify.NotificationService;
import dev.vigil.alerting.notify.NotificationTemplates;
import dev.vigil.alerting.notify.NotifyMetrics;
import dev.vigil.alerting.notify.RetryPolicy;
import dev.vigil.alerting.notify.StateStore;
import dev.vigil.alerting.notify.SystemScheduler;
import dev.vigil.alerting.send.AlertSender;
import dev.vigil.alerting.send.DiscoveredGroup;
import dev.vigil.alerting.send.SenderMetrics;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;
import dev.vigil.promql.engine.CancelHandle;
import dev.vigil.promql.engine.Engine;
import dev.vigil.scraper.discovery.DiscoveryManager;
import dev.vigil.scraper.discovery.DiscoveryMetrics;
import dev.vigil.scraper.discovery.StandardDiscovererFactory;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.server.BuildInfo;
import dev.vigil.server.QueryEngineSettings;
import dev.vigil.server.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rule evaluation, alert sending and the in-process notifier of one server.
 *
 * <pre>{@code
 * AlertingService alerting = new AlertingService(options, registry, vertx);
 * alerting.addRoutesTo(router);                      // /api/v2/... (503 until started)
 * alerting.start(storage, config, discoveryMetrics, httpPort);   // after storage opened
 * reloader.addConsumer(alerting::apply);
 * alerting.close();                                  // before storage closes
 * }</pre>
 *
 * <p>Rule groups evaluate on a pool of their own, never on a Vert.x event loop; Alertmanager targets come from the
 * scraper's discovery (static, file, HTTP and Kubernetes). Thread-safe.
 */
public final class AlertingService implements AutoCloseable {
    private static final Log log = Log.get(AlertingService.class);
    private static final Duration NOTIFIER_RETENTION = Duration.ofHours(120);
    private static final Duration DISCOVERY_UPDATE_DELAY = Duration.ofSeconds(5);

    private final ServerOptions server;
    private final AlertingOptions options;
    private final MetricRegistry registry;
    private final Vertx vertx;
    private final NotificationsSource notificationsSource;
    private final Instant startedAt = Instant.now();
    private final CancelHandle shutdown = new CancelHandle();
    private volatile NotificationService notifications;
    private volatile String notificationsText = "";
    private volatile EngineQueryFunction queries;
    private volatile VigilConfig.Source source;
    private StateStore stateStore;
    private SystemScheduler ruleTimer;
    private SystemScheduler notifierTimer;
    private ExecutorService evaluationPool;
    private RuleManager rules;
    private AlertSender sender;
    private DiscoveryManager discovery;
    private Storage storage;
    private boolean closed;

    public AlertingService(ServerOptions server, MetricRegistry registry, Vertx vertx) {
        this.server = server;
        this.options = server.alerting();
        this.registry = registry;
        this.vertx = vertx;
        this.notificationsSource = new NotificationsSource(options.notificationsConfigFile());
    }

    /** Adds Alertmanager's API v2 ({@code /api/v2/...}); it answers 503 until {@link #start}. */
    public void addRoutesTo(Router router) {
        BuildInfo build = BuildInfo.current();
        StatusInfo status = new StatusInfo(
                build.version(),
                build.revision(),
                build.branch(),
                "vigil",
                build.buildDate(),
                BuildInfo.javaVersion(),
                startedAt,
                () -> notificationsText);
        new AlertmanagerApi(() -> notifications, status).addTo(router);
    }

    /**
     * Starts everything on {@code storage} with the configuration in force, which must load (bad rule files fail
     * the start, as in Prometheus).
     *
     * @param httpPort the bound web port, for the default external URL
     */
    public synchronized void start(Storage storage, VigilConfig config, DiscoveryMetrics discoveryMetrics, int httpPort)
            throws Exception {
        this.storage = storage;
        String externalUrl = externalUrl(httpPort);
        stateStore = StateStores.open(storage, server);
        notifierTimer = new SystemScheduler();
        notifications = new NotificationService(
                stateStore,
                notifierTimer,
                vertx,
                new NotifyMetrics(registry),
                RetryPolicy.defaults(),
                externalUrl,
                NOTIFIER_RETENTION);
        sender = new AlertSender(vertx, options.senderOptions(), new SenderMetrics(registry));
        sender.setLocalIntake(notifications);
        discovery = new DiscoveryManager(
                new StandardDiscovererFactory(this::resolve, discoveryMetrics),
                DISCOVERY_UPDATE_DELAY,
                this::syncAlertmanagers);
        ruleTimer = new SystemScheduler();
        evaluationPool = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("vigil-rule-eval"));
        rules = new RuleManager(
                storage,
                storage,
                (expr, t) -> queries.query(expr, t),
                sender,
                ruleTimer,
                evaluationPool,
                options.ruleManagerOptions(),
                new RuleMetrics(registry),
                externalUrl);
        apply(config);
        log.info("Rule manager and notifier started", "external_url", externalUrl);
    }

    /** Applies a (re)loaded configuration; throws, changing nothing, when rule files or templates do not load. */
    public synchronized void apply(VigilConfig config) throws Exception {
        if (closed || rules == null) {
            return;
        }
        NotificationsSource.Loaded loaded = notificationsSource.load(config);
        // Templates are the part of the notification config that can still fail; check them before rules change.
        NotificationTemplates.load(loaded.config());
        source = config.source();
        queries = new EngineQueryFunction(new Engine(storage, QueryEngineSettings.of(server, config)), shutdown);
        rules.update(config);
        notifications.apply(loaded.config());
        notificationsText = loaded.text();
        sender.applyConfig(config.alerting(), config.global().externalLabels());
        Map<String, ServiceDiscoveryConfigs> sets = new LinkedHashMap<>();
        for (int i = 0; i < config.alerting().alertmanagers().size(); i++) {
            sets.put(
                    AlertSender.setKey(i),
                    config.alerting().alertmanagers().get(i).serviceDiscovery());
        }
        discovery.apply(sets);
    }

    private void syncAlertmanagers(Map<String, List<TargetGroup>> groups) {
        AlertSender s = sender;
        groups.forEach((key, list) -> {
            List<DiscoveredGroup> converted = new ArrayList<>(list.size());
            for (TargetGroup g : list) {
                converted.add(new DiscoveredGroup(g.targets(), g.labels()));
            }
            s.sync(key, converted);
        });
    }

    private Path resolve(String path) {
        VigilConfig.Source s = source;
        return s == null ? Path.of(path) : s.resolve(path);
    }

    /** {@code --web.external-url}, else Prometheus's default {@code http://<hostname>:<port>}. */
    private String externalUrl(int httpPort) {
        if (server.externalUrl() != null) {
            return server.externalUrl();
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return "http://" + host + ":" + httpPort;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The rule manager, for {@code /api/v1/rules} and {@code /api/v1/alerts}; null before {@link #start}. */
    public RuleManager rules() {
        return rules;
    }

    /** The alert sender, for {@code /api/v1/alertmanagers}; null before {@link #start}. */
    public AlertSender sender() {
        return sender;
    }

    /** The in-process notifier; null before {@link #start}. */
    public NotificationService notifications() {
        return notifications;
    }

    /**
     * Stops evaluating rules (waiting for running evaluations), then sends what is queued for Alertmanagers (when
     * draining is on), then stops the notifier.
     */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        shutdown.cancel();
        if (rules != null) {
            rules.close();
        }
        if (evaluationPool != null) {
            evaluationPool.shutdown();
            evaluationPool.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (ruleTimer != null) {
            ruleTimer.close();
        }
        if (discovery != null) {
            discovery.close();
        }
        if (sender != null) {
            sender.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        if (notifierTimer != null) {
            notifierTimer.close();
        }
        if (stateStore instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
