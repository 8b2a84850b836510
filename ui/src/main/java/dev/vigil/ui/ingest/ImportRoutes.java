package dev.vigil.ui.ingest;

import dev.vigil.model.ingest.ImportSummary;
import dev.vigil.model.ingest.TextImporter;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.model.textparse.Formats;
import dev.vigil.model.textparse.ParserOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST /api/v1/import/prometheus}: backfill from a body in the Prometheus text format (or OpenMetrics, by its
 * Content-Type), optionally gzip-compressed, with optional {@code extra_label=name=value} query parameters. The body is
 * parsed as it arrives, on a worker thread, with back-pressure on the connection, so its size is not limited by
 * memory. Samples without a timestamp get the time the request arrived. Malformed lines and rejected samples are
 * counted by reason and the first ones reported with their line numbers while the other lines are stored; see
 * docs/api-ingest.md for the reply.
 */
public final class ImportRoutes {
    public static final String PATH = "/api/v1/import/prometheus";

    private static final Log log = Log.get(ImportRoutes.class);

    /**
     * @param highWaterBytes body bytes queued before the connection is paused
     * @param lowWaterBytes queued bytes below which it is resumed
     * @param parserBufferBytes the parser's read buffer
     * @param maxLineBytes longest accepted line; a longer one ends the import
     * @param commitEvery samples per storage commit
     * @param maxReportedErrors how many rejected lines are reported with their line number and reason
     */
    public record Settings(
            int highWaterBytes,
            int lowWaterBytes,
            int parserBufferBytes,
            int maxLineBytes,
            int commitEvery,
            int maxReportedErrors) {
        public static final Settings DEFAULT = new Settings(4 << 20, 1 << 20, 256 << 10, 1 << 20, 50_000, 20);
    }

    private final Supplier<? extends Appendable> storage;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final RouteInstrumentation instrumentation;
    private final Settings settings;

    /**
     * @param storage the storage, or a supplier returning null while it is not open yet (then 503)
     * @param workers where imports run; each import holds one worker thread for as long as its body streams
     */
    public ImportRoutes(
            Supplier<? extends Appendable> storage,
            WorkerExecutor workers,
            Clock clock,
            RouteInstrumentation instrumentation,
            Settings settings) {
        this.storage = storage;
        this.workers = workers;
        this.clock = clock;
        this.instrumentation = instrumentation;
        this.settings = settings;
    }

    public void addTo(Router router) {
        router.post(PATH).handler(instrumentation.instrument(PATH, this::handle));
    }

    private void handle(RoutingContext ctx) {
        long requestTime = clock.millis();
        HttpServerRequest request = ctx.request();
        Appendable target = storage.get();
        if (target == null) {
            ApiErrors.send(ctx, ApiErrors.Type.UNAVAILABLE, "storage is not ready yet");
            return;
        }
        Map<String, String> extraLabels;
        try {
            extraLabels = extraLabels(ctx.queryParam("extra_label"));
        } catch (IllegalArgumentException e) {
            ApiErrors.send(ctx, ApiErrors.Type.BAD_DATA, e.getMessage());
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip = false;
        if (encoding != null && !encoding.isBlank()) {
            String e = encoding.trim().toLowerCase(Locale.ROOT);
            gzip = e.equals("gzip") || e.equals("x-gzip");
            if (!gzip && !e.equals("identity")) {
                ctx.response()
                        .setStatusCode(415)
                        .putHeader("Content-Type", "application/json")
                        .end(ApiErrors.body(
                                        ApiErrors.Type.BAD_DATA,
                                        "unsupported Content-Encoding \"" + encoding + "\"; use gzip or none",
                                        null)
                                .encode());
                return;
            }
        }
        ExpositionFormat format = format(request.getHeader("Content-Type"));
        TextImporter.Options options = TextImporter.Options.defaults()
                .withCommitEvery(settings.commitEvery())
                .withExtraLabels(extraLabels)
                .withDefaultTimestamp(requestTime)
                .withSkipMalformedLines(true)
                .withParserOptions(ParserOptions.defaults()
                        .withStreamBuffer(settings.parserBufferBytes(), settings.maxLineBytes()));
        RequestBodyStream body = RequestBodyStream.attach(
                request, ctx.vertx().getOrCreateContext(), settings.highWaterBytes(), settings.lowWaterBytes());
        boolean gunzip = gzip;
        workers.executeBlocking(() -> runImport(body, gunzip, format, options, target), false)
                .onComplete(ar -> {
                    body.close();
                    if (ar.failed()) {
                        log.error("Import failed", ar.cause());
                        ApiErrors.send(
                                ctx,
                                ApiErrors.Type.INTERNAL,
                                "import failed: " + ar.cause().getMessage());
                        return;
                    }
                    reply(ctx, ar.result(), body.receivedBytes(), body.maxQueuedBytes());
                });
    }

    private static ImportSummary runImport(
            RequestBodyStream body,
            boolean gzip,
            ExpositionFormat format,
            TextImporter.Options options,
            Appendable target)
            throws IOException {
        try (InputStream in = gzip ? new GunzipOnRead(body) : body) {
            return new TextImporter(options).run(in, format, target, committed -> {});
        }
    }

    private static void reply(RoutingContext ctx, ImportSummary summary, long bodyBytes, long maxBuffered) {
        var data = ImportReply.data(summary, bodyBytes, maxBuffered);
        if (summary.fatalError() != null) {
            ApiErrors.send(
                    ctx,
                    ApiErrors.Type.BAD_DATA,
                    "import stopped early: " + summary.fatalError() + "; " + summary.samples()
                            + " samples before it were stored",
                    data);
        } else if (summary.rejected() > 0) {
            String first = summary.firstRejections().isEmpty()
                    ? ""
                    : "; first: " + summary.firstRejections().get(0);
            ApiErrors.send(
                    ctx,
                    ApiErrors.Type.BAD_DATA,
                    summary.rejected() + " lines rejected, " + summary.samples() + " samples stored" + first,
                    data);
        } else {
            ApiErrors.sendSuccess(ctx, data);
        }
    }

    /** OpenMetrics when the Content-Type says so; the text format otherwise, whatever the type (as curl sends). */
    static ExpositionFormat format(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return ExpositionFormat.PROMETHEUS_TEXT;
        }
        Formats.Choice choice = Formats.forContentType(contentType);
        return choice.format() == null ? ExpositionFormat.PROMETHEUS_TEXT : choice.format();
    }

    /** Parses {@code extra_label} values of the form {@code name=value}. */
    static Map<String, String> extraLabels(List<String> params) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "invalid extra_label \"" + p + "\": expected name=value, e.g. extra_label=env=prod");
            }
            String name = p.substring(0, eq);
            if (name.equals(Labels.METRIC_NAME)) {
                throw new IllegalArgumentException("invalid extra_label \"" + p + "\": cannot set the metric name");
            }
            if (labels.put(name, p.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("extra_label \"" + name + "\" given twice");
            }
        }
        return labels;
    }

    /**
     * Opens the gzip stream on the first read, not in the constructor: GZIPInputStream reads the header when it is
     * made, and a header that never arrives must fail inside the import so it is reported with the counts.
     */
    private static final class GunzipOnRead extends InputStream {
        private final InputStream raw;
        private InputStream gzip;

        GunzipOnRead(InputStream raw) {
            this.raw = raw;
        }

        private InputStream open() throws IOException {
            if (gzip == null) {
                gzip = new GZIPInputStream(raw, 64 << 10);
            }
            return gzip;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return open().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
