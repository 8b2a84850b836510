package dev.vigil.scraper.loop;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.scrape.ScrapeConfig;
import dev.vigil.config.scrape.ScrapeLimits;
import dev.vigil.config.scrape.ScrapeProtocol;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.relabel.Relabeler;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.textparse.Entry;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.model.textparse.ExpositionParser;
import dev.vigil.model.textparse.Formats;
import dev.vigil.model.textparse.ParserOptions;
import dev.vigil.model.textparse.SymbolCache;
import dev.vigil.model.textparse.TextParseException;
import dev.vigil.scraper.target.ScrapeReport;
import dev.vigil.scraper.target.Target;
import dev.vigil.scraper.target.TargetHealth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * Scrapes one target on its interval and appends what it finds. The first scrape starts at an offset within the
 * interval derived from the target's hash, so a pool's targets are spread over the interval the same way on every
 * start. One scrape is one atomic commit: the samples, stale markers for series that vanished since the previous
 * scrape, and the report series ({@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped},
 * {@code scrape_samples_post_metric_relabeling}, {@code scrape_series_added}). A failed scrape (HTTP error, timeout,
 * body or sample or label limit, parse error) rolls its samples back and commits stale markers for the previous
 * scrape's series plus the report series with {@code up=0}. Storage rejections (out of order, duplicate, out of
 * bounds) are counted, not fatal.
 *
 * <p>Thread-safe: {@link #start}, {@link #stop} and {@link #scrapeNow} may be called from any thread; processing of
 * one loop never runs concurrently with itself or with {@code stop}.
 */
public final class ScrapeLoop {
    private static final Log log = Log.get(ScrapeLoop.class);
    private static final String[] REPORT_NAMES = {
        "up",
        "scrape_duration_seconds",
        "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling",
        "scrape_series_added"
    };

    private final Target target;
    private final ScrapeConfig config;
    private final Relabeler metricRelabeler;
    private final ScrapeClient client;
    private final ScrapeClient.Request request;
    private final Appendable storage;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final ScrapeMetrics metrics;
    private final Clock clock;
    private final ScrapeLimits limits;
    private final ExpositionFormat fallbackFormat;

    private final Object lock = new Object();
    private final SeriesCache cache;
    private final BodyBufferPool buffers;
    private final SymbolCache symbols = new SymbolCache();
    private final LabelsBuilder builder = new LabelsBuilder();
    private final Labels[] reportLabels = new Labels[REPORT_NAMES.length];
    /** This loop's child of the interval histogram, looked up once. */
    private Histogram.Child intervalLength;

    private final long[] reportRefs = new long[REPORT_NAMES.length];
    private ExpositionParser textParser;
    private String lastContentType;
    private Formats.Choice lastChoice;
    private ExpositionParser openMetricsParser;

    private boolean reportLive;
    private long rejectedOutOfOrder;
    private long rejectedDuplicate;
    private long rejectedOutOfBounds;
    private long lastStartNanos;

    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;
    private volatile CompletableFuture<?> inFlight;
    private long firstTickMs;

    /**
     * @param cache the cache of the loop this one replaces after a reload that kept the series' labels valid, or
     *     null for a fresh cache
     * @param buffers where body buffers come from ({@link BodyBufferPool#SHARED} outside tests)
     */
    ScrapeLoop(
            Target target,
            ScrapeConfig config,
            Relabeler metricRelabeler,
            ScrapeClient client,
            Appendable storage,
            ScheduledExecutorService scheduler,
            Executor worker,
            ScrapeMetrics metrics,
            Clock clock,
            SeriesCache cache,
            BodyBufferPool buffers) {
        this.target = target;
        this.config = config;
        this.metricRelabeler = metricRelabeler;
        this.client = client;
        this.request = client.prepare(target);
        this.storage = storage;
        this.scheduler = scheduler;
        this.worker = worker;
        this.metrics = metrics;
        this.clock = clock;
        this.cache = cache == null ? new SeriesCache() : cache;
        this.buffers = buffers;
        target.attachMetadata(this.cache.metadata);
        this.limits = config.limits();
        this.fallbackFormat =
                config.fallbackScrapeProtocol().map(ScrapeLoop::format).orElse(null);
        for (int i = 0; i < REPORT_NAMES.length; i++) {
            reportLabels[i] = target.labels().toBuilder()
                    .set(Labels.METRIC_NAME, REPORT_NAMES[i])
                    .labels();
        }
    }

    private static ExpositionFormat format(ScrapeProtocol protocol) {
        return switch (protocol) {
            case OPENMETRICS_TEXT_0_0_1, OPENMETRICS_TEXT_1_0_0 -> ExpositionFormat.OPENMETRICS_TEXT;
            default -> ExpositionFormat.PROMETHEUS_TEXT;
        };
    }

    public Target target() {
        return target;
    }

    SeriesCache cache() {
        return cache;
    }

    /**
     * Schedules the scrapes: the first at {@code hash mod interval} past the current interval boundary (as
     * Prometheus spreads targets), then every interval on that grid.
     */
    public void start() {
        long interval = target.interval().toMillis();
        long now = clock.millis();
        long offset = Math.floorMod(Math.floorMod(target.hash(), interval) - Math.floorMod(now, interval), interval);
        firstTickMs = now + offset;
        schedule(offset);
    }

    private void schedule(long delayMs) {
        if (stopped) {
            return;
        }
        next = scheduler.schedule(this::tick, delayMs, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        scrapeNow().whenComplete((report, error) -> {
            if (error != null) {
                log.error("Scrape loop failed", error, "target", target.url());
            }
            long interval = target.interval().toMillis();
            long now = clock.millis();
            long ticks = Math.floorDiv(now - firstTickMs, interval) + 1;
            schedule(firstTickMs + ticks * interval - now);
        });
    }

    /** Scrapes once now; completes with the report when the scrape has been committed (or skipped when stopped). */
    public CompletableFuture<ScrapeReport> scrapeNow() {
        long startMs = clock.millis();
        long startNanos = System.nanoTime();
        BodyBuffer body = buffers.take();
        CompletableFuture<ScrapeClient.Response> fetch = client.fetch(
                request, body, limits.bodySizeLimit().bytes(), target.timeout().toMillis());
        inFlight = fetch;
        return fetch.handle((response, error) -> {
                    if (error != null) {
                        fetch.cancel(true);
                    }
                    return new Fetched(response, body, error);
                })
                .thenApplyAsync(fetched -> process(fetched, startMs, startNanos), worker);
    }

    /** A fetch's outcome; {@code body} holds the response body when {@code error} is null. */
    private record Fetched(ScrapeClient.Response response, BodyBuffer body, Throwable error) {}

    /**
     * Stops scraping and waits for a scrape in progress to finish.
     *
     * @param staleMarkers whether to mark the last scrape's series stale (the target is gone); false when a reload
     *     hands this loop's series over to a new loop
     */
    public void stop(boolean staleMarkers) {
        stopped = true;
        ScheduledFuture<?> scheduled = next;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        CompletableFuture<?> fetch = inFlight;
        if (fetch != null) {
            fetch.cancel(true);
        }
        request.close();
        synchronized (lock) {
            if (staleMarkers) {
                Appender app = storage.appender();
                markAllStale(app, clock.millis());
                if (reportLive) {
                    for (int i = 0; i < reportLabels.length; i++) {
                        appendQuietly(app, i, StaleMarker.STALE_NAN, clock.millis());
                    }
                }
                commit(app);
                reportLive = false;
            }
        }
    }

    private ScrapeReport process(Fetched fetched, long startMs, long startNanos) {
        try {
            return processLocked(fetched, startMs, startNanos);
        } finally {
            // A failed or cancelled exchange may still be writing into its buffer: that one is left to the collector.
            if (fetched.error() == null) {
                buffers.give(fetched.body());
            }
        }
    }

    private ScrapeReport processLocked(Fetched fetched, long startMs, long startNanos) {
        synchronized (lock) {
            if (stopped) {
                return target.lastReport();
            }
            metrics.scrapes.inc();
            if (lastStartNanos != 0) {
                if (intervalLength == null) {
                    intervalLength = metrics.intervalLength.labels(
                            PromDuration.ofMillis(target.interval().toMillis()).toString());
                }
                intervalLength.observe((startNanos - lastStartNanos) / 1e9);
            }
            lastStartNanos = startNanos;
            cache.startScrape();
            Counts counts = new Counts();
            Appender app = storage.appender();
            String error = fetchError(fetched);
            if (error == null) {
                cache.prefetch(app);
                error = parseAndAppend(fetched.response(), fetched.body(), app, startMs, counts);
            }
            if (error == null) {
                markVanishedStale(app, startMs);
                cache.liveIteration = cache.iteration;
                cache.metadata.evict(cache.iteration);
            } else {
                metrics.failedScrapes.inc();
                app.rollback();
                app = storage.appender();
                markAllStale(app, startMs);
                cache.liveIteration = -1;
            }
            cache.evict(cache.iteration, cache.liveIteration);
            double duration = (System.nanoTime() - startNanos) / 1e9;
            appendQuietly(app, 0, error == null ? 1 : 0, startMs);
            appendQuietly(app, 1, duration, startMs);
            appendQuietly(app, 2, counts.scraped, startMs);
            appendQuietly(app, 3, counts.postRelabel, startMs);
            appendQuietly(app, 4, counts.seriesAdded, startMs);
            String commitError = commit(app);
            reportLive = commitError == null;
            if (error == null && commitError != null) {
                error = commitError;
            }
            ScrapeReport report = new ScrapeReport(
                    error == null ? TargetHealth.UP : TargetHealth.DOWN,
                    error == null ? "" : error,
                    startMs,
                    duration,
                    counts.scraped,
                    counts.postRelabel,
                    counts.seriesAdded,
                    rejectedOutOfOrder,
                    rejectedDuplicate,
                    rejectedOutOfBounds);
            target.report(report);
            if (error != null && log.isDebugEnabled()) {
                log.debug("Scrape failed", "target", target.url(), "err", error);
            }
            return report;
        }
    }

    private static final class Counts {
        long scraped;
        long postRelabel;
        long seriesAdded;
    }

    private String fetchError(Fetched fetched) {
        Throwable error = fetched.error();
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        if (error instanceof TimeoutException) {
            return "Get \"" + target.url() + "\": context deadline exceeded (timeout "
                    + target.timeout().toMillis() + "ms)";
        }
        if (error instanceof BodyBuffer.BodySizeLimitException) {
            metrics.exceededBodySizeLimit.inc();
            return error.getMessage();
        }
        if (error != null) {
            return "Get \"" + target.url() + "\": "
                    + (error.getMessage() == null ? error.toString() : error.getMessage());
        }
        ScrapeClient.Response response = fetched.response();
        if (response.status() != 200) {
            return ("server returned HTTP status " + response.status() + " " + response.reason()).strip();
        }
        return null;
    }

    private String parseAndAppend(
            ScrapeClient.Response response, BodyBuffer raw, Appender app, long startMs, Counts counts) {
        if (!response.gzip()) {
            return parseAndAppend(response, raw.bytes(), raw.length(), app, startMs, counts);
        }
        BodyBuffer inflated = buffers.take();
        try {
            inflated.reset(limits.bodySizeLimit().bytes());
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw.bytes(), 0, raw.length()))) {
                inflated.readFully(in);
            } catch (BodyBuffer.BodySizeLimitException e) {
                metrics.exceededBodySizeLimit.inc();
                return e.getMessage();
            } catch (IOException e) {
                return "cannot decompress gzip body: " + e.getMessage();
            }
            return parseAndAppend(response, inflated.bytes(), inflated.length(), app, startMs, counts);
        } finally {
            buffers.give(inflated);
        }
    }

    private String parseAndAppend(
            ScrapeClient.Response response, byte[] body, int length, Appender app, long startMs, Counts counts) {
        Formats.Choice choice = formatFor(response.contentType());
        if (choice.format() == null) {
            return choice.problem();
        }
        ExpositionParser parser = parser(choice.format(), body, length);
        try {
            return appendSamples(parser, app, startMs, counts);
        } catch (TextParseException e) {
            return e.getMessage();
        }
    }

    /** The format for a Content-Type; a target sends the same one scrape after scrape, so the last answer is kept. */
    private Formats.Choice formatFor(String contentType) {
        if (lastChoice == null || !Objects.equals(contentType, lastContentType)) {
            lastChoice = Formats.forContentType(contentType, fallbackFormat);
            lastContentType = contentType;
        }
        return lastChoice;
    }

    private ExpositionParser parser(ExpositionFormat format, byte[] body, int length) {
        ExpositionParser parser = format == ExpositionFormat.OPENMETRICS_TEXT ? openMetricsParser : textParser;
        if (parser == null) {
            parser = format.newParser(body, 0, length, ParserOptions.defaults().withSymbols(symbols));
            if (format == ExpositionFormat.OPENMETRICS_TEXT) {
                openMetricsParser = parser;
            } else {
                textParser = parser;
            }
        } else {
            parser.reset(body, 0, length);
        }
        return parser;
    }

    private String appendSamples(ExpositionParser p, Appender app, long startMs, Counts counts)
            throws TextParseException {
        long sampleLimit = limits.sampleLimit();
        boolean honorTimestamps = config.honorTimestamps();
        boolean trackTimestampsStaleness = config.trackTimestampsStaleness();
        boolean sampleLimitExceeded = false;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e != Entry.SERIES) {
                if (e != Entry.COMMENT) {
                    cache.metadata.observe(p, e, cache.iteration);
                }
                continue;
            }
            counts.scraped++;
            SeriesCache.Entry series = cache.get(p.seriesBuffer(), p.seriesOffset(), p.seriesLength());
            if (series == null) {
                Labels labels = labelsOf(p);
                if (labels != null) {
                    String problem = checkLabels(labels);
                    if (problem != null) {
                        return problem;
                    }
                    counts.seriesAdded++;
                }
                series = cache.put(p.seriesBuffer(), p.seriesOffset(), p.seriesLength(), labels);
            }
            if (series.dropped()) {
                continue;
            }
            counts.postRelabel++;
            if (sampleLimit > 0 && counts.postRelabel > sampleLimit) {
                // Keep reading so scrape_samples_scraped reports the whole body, as Prometheus does.
                sampleLimitExceeded = true;
                continue;
            }
            boolean explicit = honorTimestamps && p.hasTimestamp();
            long t = explicit ? p.timestampMs() : startMs;
            try {
                app.append(series, series.labels, t, p.value());
            } catch (AppendException ex) {
                countRejection(ex.kind());
            }
            series.seen = cache.iteration;
            series.explicitTimestamp = explicit && !trackTimestampsStaleness;
        }
        if (sampleLimitExceeded) {
            metrics.exceededSampleLimit.inc();
            return "sample limit exceeded (number of samples: " + counts.postRelabel + ", limit: " + sampleLimit + ")";
        }
        return null;
    }

    /** The final labels of the current sample, or null when metric relabeling drops it. */
    private Labels labelsOf(ExpositionParser p) {
        builder.reset();
        builder.set(Labels.METRIC_NAME, p.metricName());
        for (int i = 0, n = p.labelCount(); i < n; i++) {
            builder.set(p.labelName(i), p.labelValue(i));
        }
        TargetLabelMerger.merge(builder, target.labels(), config.honorLabels());
        if (!metricRelabeler.apply(builder) || builder.size() == 0) {
            return null;
        }
        return builder.labels();
    }

    private String checkLabels(Labels labels) {
        String name = labels.metricName();
        if (name == null || name.isEmpty()) {
            return "__name__ label is missing after relabeling (series: " + labels + ")";
        }
        String metric = truncate(name);
        if (limits.labelLimit() > 0 && labels.size() > limits.labelLimit()) {
            metrics.exceededLabelLimits.inc();
            return "label_limit exceeded (metric: " + metric + ", number of labels: " + labels.size() + ", limit: "
                    + limits.labelLimit() + ")";
        }
        for (int i = 0; i < labels.size(); i++) {
            long nameLength = utf8Length(labels.name(i));
            if (limits.labelNameLengthLimit() > 0 && nameLength > limits.labelNameLengthLimit()) {
                metrics.exceededLabelLimits.inc();
                return "label_name_length_limit exceeded (metric: " + metric + ", label name: "
                        + truncate(labels.name(i)) + ", length: " + nameLength + ", limit: "
                        + limits.labelNameLengthLimit() + ")";
            }
            long valueLength = utf8Length(labels.value(i));
            if (limits.labelValueLengthLimit() > 0 && valueLength > limits.labelValueLengthLimit()) {
                metrics.exceededLabelLimits.inc();
                return "label_value_length_limit exceeded (metric: " + metric + ", label name: "
                        + truncate(labels.name(i)) + ", value: \"" + truncate(labels.value(i)) + "\", length: "
                        + valueLength + ", limit: " + limits.labelValueLengthLimit() + ")";
            }
        }
        return null;
    }

    private static long utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String truncate(String s) {
        return s.length() <= 50 ? s : s.substring(0, 50);
    }

    private void countRejection(AppendException.Kind kind) {
        switch (kind) {
            case OUT_OF_ORDER -> {
                rejectedOutOfOrder++;
                metrics.outOfOrder.inc();
            }
            case DUPLICATE_TIMESTAMP -> {
                rejectedDuplicate++;
                metrics.duplicateTimestamp.inc();
            }
            case OUT_OF_BOUNDS -> {
                rejectedOutOfBounds++;
                metrics.outOfBounds.inc();
            }
            case INVALID_LABELS -> log.debug("Invalid labels in scrape", "target", target.url());
        }
    }

    /** Stale markers for series of the last committed scrape that this scrape did not see. */
    private void markVanishedStale(Appender app, long t) {
        for (int i = 0, n = cache.size(); i < n; i++) {
            SeriesCache.Entry e = cache.entry(i);
            if (e.dropped()) {
                continue;
            }
            if (e.seen == cache.iteration) {
                if (!e.explicitTimestamp) {
                    e.live = cache.iteration;
                }
            } else if (cache.liveIteration >= 0 && e.live == cache.liveIteration) {
                appendStale(app, e, t);
            }
        }
    }

    /** Stale markers for every series of the last committed scrape. */
    private void markAllStale(Appender app, long t) {
        if (cache.liveIteration < 0) {
            return;
        }
        for (int i = 0, n = cache.size(); i < n; i++) {
            SeriesCache.Entry e = cache.entry(i);
            if (!e.dropped() && e.live == cache.liveIteration) {
                appendStale(app, e, t);
            }
        }
        cache.liveIteration = -1;
    }

    private void appendStale(Appender app, SeriesCache.Entry e, long t) {
        try {
            app.append(e, e.labels, t, StaleMarker.STALE_NAN);
        } catch (AppendException ex) {
            countRejection(ex.kind());
        }
    }

    private void appendQuietly(Appender app, int report, double value, long t) {
        try {
            reportRefs[report] = app.append(reportRefs[report], reportLabels[report], t, value);
        } catch (AppendException ex) {
            countRejection(ex.kind());
        }
    }

    /** Commits; returns why it failed, or null. */
    private String commit(Appender app) {
        try {
            app.commit();
            return null;
        } catch (RuntimeException e) {
            log.error("Cannot commit scrape", e, "target", target.url());
            return "cannot commit scrape: " + e.getMessage();
        }
    }
}
