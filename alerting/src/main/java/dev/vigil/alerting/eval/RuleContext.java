package dev.vigil.alerting.eval;

import dev.vigil.alerting.notify.Scheduler;
import dev.vigil.alerting.template.AlertTemplateExpander;
import dev.vigil.alerting.template.QueryFunction;
import dev.vigil.alerting.template.QuerySample;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Queryable;
import dev.vigil.promql.value.Vector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What every group of one rule manager shares: storage, the query and notify functions, timing, metrics, and the
 * settings a reload replaces (external URL and labels, default query offset). Thread-safe: the replaceable part is
 * one immutable {@link Settings} behind a volatile field.
 */
final class RuleContext {
    final Appendable appendable;
    final Queryable queryable;
    final RuleQueryFunction query;
    final NotifyFunction notify;
    final Scheduler scheduler;
    final Executor executor;
    final RuleManagerOptions options;
    final RuleMetrics metrics;
    private volatile Settings settings;

    /**
     * @param externalUrl the external URL without a trailing slash, the prefix of generator URLs
     */
    record Settings(
            String externalUrl,
            Map<String, String> externalLabels,
            long defaultQueryOffsetMs,
            AlertTemplateExpander expander) {}

    RuleContext(
            Appendable appendable,
            Queryable queryable,
            RuleQueryFunction query,
            NotifyFunction notify,
            Scheduler scheduler,
            Executor executor,
            RuleManagerOptions options,
            RuleMetrics metrics) {
        this.appendable = appendable;
        this.queryable = queryable;
        this.query = query;
        this.notify = notify;
        this.scheduler = scheduler;
        this.executor = executor;
        this.options = options;
        this.metrics = metrics;
        this.settings = settings("http://localhost:9090", Map.of(), 0);
    }

    Settings settings() {
        return settings;
    }

    void update(String externalUrl, Map<String, String> externalLabels, long defaultQueryOffsetMs) {
        settings = settings(externalUrl, externalLabels, defaultQueryOffsetMs);
    }

    private Settings settings(String externalUrl, Map<String, String> externalLabels, long offsetMs) {
        String url = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
        AlertTemplateExpander expander =
                new AlertTemplateExpander(URI.create(url), externalLabels, templateQueries(query));
        return new Settings(url, Map.copyOf(externalLabels), offsetMs, expander);
    }

    long nowMs() {
        return scheduler.now().toEpochMilli();
    }

    /** The {@code query} template function, answered by the rule query function. */
    private static QueryFunction templateQueries(RuleQueryFunction query) {
        return (expr, evalTimeMs) -> {
            Vector v = query.query(expr, evalTimeMs);
            List<QuerySample> samples = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                samples.add(new QuerySample(v.labels(i), v.value(i)));
            }
            return samples;
        };
    }
}
