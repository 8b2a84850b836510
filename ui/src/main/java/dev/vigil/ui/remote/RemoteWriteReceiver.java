package dev.vigil.ui.remote;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.StorageException;
import dev.vigil.model.textparse.SymbolCache;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Stores one remote write 1.0 request ({@code prometheus.WriteRequest}, snappy block compressed) the way Prometheus's
 * receiver does:
 *
 * <ul>
 *   <li>the whole request is one batch: an out-of-order, duplicate-timestamp or out-of-bounds sample (including one
 *       more than 10 minutes in the future) rolls everything back and is a bad request, so the sender drops the batch
 *       instead of retrying it forever;
 *   <li>a series without a metric name, with an empty or non-UTF-8 label name, or with a label name twice is skipped
 *       and counted, and the rest is stored;
 *   <li>stale markers are stored as the NaN bit pattern they arrive with; metadata is kept in {@link ReceivedMetadata};
 *       native histograms and exemplars, which Vigil does not store, are counted and dropped.
 * </ul>
 *
 * Decoding walks the bytes without building message objects; nothing is allocated per sample. Thread-safe: each call
 * takes its own appender. Make one per server: it registers its counters in the registry.
 */
public final class RemoteWriteReceiver {
    private static final Log log = Log.get(RemoteWriteReceiver.class);
    private static final long MAX_AHEAD_MS = 10 * 60 * 1000;
    private static final byte[] EMPTY = new byte[0];
    /** Per worker thread: label strings repeat across series and requests, and SymbolCache is single-threaded. */
    private static final ThreadLocal<SymbolCache> SYMBOLS = ThreadLocal.withInitial(() -> new SymbolCache(8192));

    private final Supplier<? extends Appendable> storage;
    private final ReceivedMetadata metadata;
    private final Clock clock;
    private final int maxDecodedBytes;
    private final Counter.Child appendedSamples;
    private final Counter.Child invalidLabelSamples;
    private final Counter.Child droppedHistograms;
    private final Counter.Child droppedExemplars;
    private final Counter rejectedRequests;

    public RemoteWriteReceiver(
            Supplier<? extends Appendable> storage,
            ReceivedMetadata metadata,
            Clock clock,
            int maxDecodedBytes,
            MetricRegistry registry) {
        this.storage = storage;
        this.metadata = metadata;
        this.clock = clock;
        this.maxDecodedBytes = maxDecodedBytes;
        this.appendedSamples = registry.counter(
                        "vigil_api_remote_write_appended_samples_total",
                        "Samples received through remote write and stored.")
                .labels();
        this.invalidLabelSamples = registry.counter(
                        "vigil_api_remote_write_invalid_labels_samples_total",
                        "Samples received through remote write that were dropped because of invalid labels.")
                .labels();
        Counter dropped = registry.counter(
                "vigil_api_remote_write_dropped_total",
                "Native histogram samples and exemplars received through remote write, which Vigil does not store.",
                "kind");
        this.droppedHistograms = dropped.labels("histogram");
        this.droppedExemplars = dropped.labels("exemplar");
        this.rejectedRequests = registry.counter(
                "vigil_api_remote_write_rejected_requests_total",
                "Remote write requests refused as bad requests, by reason.",
                "reason");
    }

    /** What became of a request. {@code error} is null on success and is the response text otherwise. */
    public record Outcome(boolean ok, String error, long samplesAppended, long invalidLabelSamples) {}

    /**
     * Decodes and stores a snappy-compressed {@code WriteRequest}.
     *
     * @return success, or a bad request with Prometheus's wording
     * @throws dev.vigil.model.storage.StorageException when the storage fails (a server error, worth a retry)
     */
    public Outcome receive(byte[] body, int off, int len) {
        byte[] message;
        try {
            message = Snappy.decode(body, off, len, maxDecodedBytes);
        } catch (Snappy.SnappyException e) {
            return refuse("snappy", e.getMessage());
        }
        Appendable target = storage.get();
        if (target == null) {
            throw new StorageException("storage is not open");
        }
        Appender appender = target.appender();
        Batch batch = new Batch(appender, clock.millis() + MAX_AHEAD_MS);
        String problem;
        try {
            problem = batch.decodeRequest(new ProtoReader(message, 0, message.length));
        } catch (ProtoException e) {
            appender.rollback();
            return refuse("protobuf", "decoding remote write request: " + e.getMessage());
        } catch (RuntimeException e) {
            appender.rollback();
            throw e;
        }
        if (problem != null) {
            appender.rollback();
            return refuse("sample", problem);
        }
        appender.commit();
        appendedSamples.inc(batch.appended);
        if (batch.invalidLabelSamples > 0) {
            invalidLabelSamples.inc(batch.invalidLabelSamples);
        }
        if (batch.histograms > 0) {
            droppedHistograms.inc(batch.histograms);
        }
        if (batch.exemplars > 0) {
            droppedExemplars.inc(batch.exemplars);
        }
        return new Outcome(true, null, batch.appended, batch.invalidLabelSamples);
    }

    private Outcome refuse(String reason, String message) {
        rejectedRequests.labels(reason).inc();
        return new Outcome(false, message, 0, 0);
    }

    /** Decoding state of one request. */
    private final class Batch {
        private final Appender appender;
        private final long maxTimestamp;
        private final SymbolCache symbols = SYMBOLS.get();
        private String[] pairs = new String[16];
        private long appended;
        private long invalidLabelSamples;
        private long histograms;
        private long exemplars;

        Batch(Appender appender, long maxTimestamp) {
            this.appender = appender;
            this.maxTimestamp = maxTimestamp;
        }

        /** Returns null when every sample was stored or skipped, else the bad-request text. */
        String decodeRequest(ProtoReader request) throws ProtoException {
            while (request.nextField()) {
                switch (request.fieldNumber()) {
                    case 1 -> {
                        String problem = timeSeries(request.message());
                        if (problem != null) {
                            return problem;
                        }
                    }
                    case 3 -> metricMetadata(request.message());
                    default -> request.skip();
                }
            }
            return null;
        }

        private String timeSeries(ProtoReader series) throws ProtoException {
            ProtoReader samplesPass = series.copy();
            int n = 0;
            int samples = 0;
            while (series.nextField()) {
                switch (series.fieldNumber()) {
                    case 1 -> n = label(series.message(), n);
                    case 2 -> {
                        samples++;
                        series.skip();
                    }
                    case 3 -> {
                        exemplars++;
                        series.skip();
                    }
                    case 4 -> {
                        histograms++;
                        series.skip();
                    }
                    default -> series.skip();
                }
            }
            Labels labels = validLabels(n);
            if (labels == null) {
                invalidLabelSamples += samples;
                return null;
            }
            long ref = 0;
            ProtoReader sample = new ProtoReader(EMPTY, 0, 0);
            while (samplesPass.nextField()) {
                if (samplesPass.fieldNumber() != 2) {
                    samplesPass.skip();
                    continue;
                }
                samplesPass.message(sample);
                double value = 0;
                long timestamp = 0;
                while (sample.nextField()) {
                    switch (sample.fieldNumber()) {
                        case 1 -> value = sample.doubleValue();
                        case 2 -> timestamp = sample.int64();
                        default -> sample.skip();
                    }
                }
                if (timestamp > maxTimestamp) {
                    return "out of bounds: sample of series " + labels + " at timestamp " + timestamp
                            + " is more than 10m in the future";
                }
                try {
                    ref = appender.append(ref, labels, timestamp, value);
                    appended++;
                } catch (AppendException e) {
                    if (e.kind() == AppendException.Kind.INVALID_LABELS) {
                        log.warn("Invalid labels in remote write", "labels", labels, "err", e.getMessage());
                        invalidLabelSamples += samples;
                        return null;
                    }
                    log.error(
                            "Out of order sample from remote write",
                            "err",
                            e.getMessage(),
                            "series",
                            labels,
                            "timestamp",
                            timestamp);
                    return prometheusWording(e.kind()) + " for series " + labels + " at timestamp " + timestamp;
                }
            }
            return null;
        }

        /** Adds one {@code Label} to {@link #pairs}; returns the new pair count. */
        private int label(ProtoReader label, int n) throws ProtoException {
            String name = "";
            String value = "";
            while (label.nextField()) {
                switch (label.fieldNumber()) {
                    case 1 -> name = label.string(symbols);
                    case 2 -> value = label.string(symbols);
                    default -> label.skip();
                }
            }
            if (2 * n + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[2 * n] = name;
            pairs[2 * n + 1] = value;
            return n + 1;
        }

        private Labels validLabels(int n) {
            boolean named = false;
            for (int i = 0; i < n; i++) {
                if (pairs[2 * i].equals(Labels.METRIC_NAME) && !pairs[2 * i + 1].isEmpty()) {
                    named = true;
                }
            }
            String[] exact = Arrays.copyOf(pairs, 2 * n);
            if (!named) {
                log.warn("Invalid metric names or labels", "got", Arrays.toString(exact));
                return null;
            }
            try {
                return Labels.of(exact);
            } catch (IllegalArgumentException e) {
                log.warn("Invalid labels for series", "labels", Arrays.toString(exact), "err", e.getMessage());
                return null;
            }
        }

        private void metricMetadata(ProtoReader m) throws ProtoException {
            int type = 0;
            String family = "";
            String help = "";
            String unit = "";
            while (m.nextField()) {
                switch (m.fieldNumber()) {
                    case 1 -> type = m.int32();
                    case 2 -> family = m.string();
                    case 4 -> help = m.string();
                    case 5 -> unit = m.string();
                    default -> m.skip();
                }
            }
            if (!family.isEmpty()) {
                metadata.record(family, ReceivedMetadata.typeName(type), help, unit);
            }
        }
    }

    /** The text of Prometheus's storage errors, which senders and their operators recognise. */
    static String prometheusWording(AppendException.Kind kind) {
        return switch (kind) {
            case OUT_OF_ORDER -> "out of order sample";
            case DUPLICATE_TIMESTAMP -> "duplicate sample for timestamp";
            case OUT_OF_BOUNDS -> "out of bounds";
            case INVALID_LABELS -> "invalid labels";
        };
    }
}
