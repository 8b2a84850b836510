package dev.vigil.model.ingest;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.textparse.Entry;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.model.textparse.ExpositionParser;
import dev.vigil.model.textparse.ParserOptions;
import dev.vigil.model.textparse.TextParseException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Streams Prometheus text or OpenMetrics with timestamps into storage, committing in batches, so a file or request
 * body larger than memory can be imported. Lines that cannot be stored (no timestamp and no default, out of order,
 * invalid labels) are counted and reported with their line numbers while the rest goes on; a syntax error stops the
 * import, keeping what was committed before it. Not thread-safe: one import per instance.
 *
 * <pre>{@code
 * ImportSummary s = new TextImporter(TextImporter.Options.defaults()).run(in, ExpositionFormat.OPENMETRICS_TEXT, tsdb, n -> {});
 * }</pre>
 */
public final class TextImporter {
    /**
     * @param commitEvery samples per commit
     * @param maxReportedRejections how many rejections keep their line and reason
     * @param extraLabels labels added to every series (they override labels of the same name in the input)
     * @param defaultTimestampMs timestamp for samples without one; {@link Long#MIN_VALUE} rejects such samples
     */
    public record Options(
            int commitEvery, int maxReportedRejections, Map<String, String> extraLabels, long defaultTimestampMs) {
        public Options {
            if (commitEvery <= 0) {
                throw new IllegalArgumentException("commitEvery must be positive, got " + commitEvery);
            }
            extraLabels = Map.copyOf(extraLabels);
        }

        public static Options defaults() {
            return new Options(50_000, 20, Map.of(), Long.MIN_VALUE);
        }
    }

    private final Options options;
    private final Map<ByteBuffer, SeriesEntry> seriesByText = new HashMap<>();
    private final LabelsBuilder builder = new LabelsBuilder();
    private final List<ImportSummary.Rejection> rejections = new ArrayList<>();
    private final List<SeriesEntry> touchedSinceCommit = new ArrayList<>();
    private long rejected;
    private long samples;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;

    public TextImporter(Options options) {
        this.options = options;
    }

    /**
     * Imports everything from {@code in}.
     *
     * @param progress called with the number of committed samples after each commit
     */
    public ImportSummary run(InputStream in, ExpositionFormat format, Appendable storage, LongConsumer progress) {
        ExpositionParser parser = format.newStreamingParser(in, ParserOptions.defaults());
        Appender appender = storage.appender();
        int pending = 0;
        long pendingMin = Long.MAX_VALUE;
        long pendingMax = Long.MIN_VALUE;
        String fatal = null;
        try {
            for (Entry e = parser.next(); e != Entry.EOF; e = parser.next()) {
                if (e != Entry.SERIES) {
                    continue;
                }
                long t = parser.hasTimestamp() ? parser.timestampMs() : options.defaultTimestampMs();
                if (t == Long.MIN_VALUE) {
                    reject(parser.lineNumber(), "sample has no timestamp");
                    continue;
                }
                SeriesEntry series = series(parser);
                if (series == null) {
                    continue;
                }
                try {
                    series.ref = appender.append(series.ref, series.labels, t, parser.value());
                } catch (AppendException ex) {
                    reject(parser.lineNumber(), ex.getMessage());
                    continue;
                }
                if (series.pendingSamples++ == 0) {
                    touchedSinceCommit.add(series);
                }
                pending++;
                pendingMin = Math.min(pendingMin, t);
                pendingMax = Math.max(pendingMax, t);
                if (pending >= options.commitEvery()) {
                    appender.commit();
                    account(pending, pendingMin, pendingMax);
                    pending = 0;
                    pendingMin = Long.MAX_VALUE;
                    pendingMax = Long.MIN_VALUE;
                    progress.accept(samples);
                    appender = storage.appender();
                }
            }
        } catch (TextParseException ex) {
            fatal = "line " + ex.line() + ": " + ex.getMessage();
        } catch (RuntimeException ex) {
            appender.rollback();
            throw ex;
        }
        appender.commit();
        account(pending, pendingMin, pendingMax);
        progress.accept(samples);
        long seriesWithSamples =
                seriesByText.values().stream().filter(s -> s.hadSamples()).count();
        return new ImportSummary(seriesWithSamples, samples, minTime, maxTime, rejected, rejections, fatal);
    }

    private void account(int committed, long min, long max) {
        samples += committed;
        if (committed > 0) {
            minTime = Math.min(minTime, min);
            maxTime = Math.max(maxTime, max);
        }
        for (SeriesEntry s : touchedSinceCommit) {
            s.committedSamples += s.pendingSamples;
            s.pendingSamples = 0;
        }
        touchedSinceCommit.clear();
    }

    /** The series of the current line, from a cache keyed by its raw text; null when its labels are invalid. */
    private SeriesEntry series(ExpositionParser parser) throws TextParseException {
        ByteBuffer key = ByteBuffer.wrap(parser.seriesBuffer(), parser.seriesOffset(), parser.seriesLength());
        SeriesEntry cached = seriesByText.get(key);
        if (cached != null) {
            return cached.labels == null ? null : cached;
        }
        byte[] copy = new byte[parser.seriesLength()];
        System.arraycopy(parser.seriesBuffer(), parser.seriesOffset(), copy, 0, copy.length);
        SeriesEntry entry = new SeriesEntry();
        try {
            parser.requireUniqueLabelNames();
            builder.reset();
            builder.set(Labels.METRIC_NAME, parser.metricName());
            for (int i = 0; i < parser.labelCount(); i++) {
                builder.set(parser.labelName(i), parser.labelValue(i));
            }
            options.extraLabels().forEach(builder::set);
            entry.labels = builder.labels();
        } catch (TextParseException | IllegalArgumentException ex) {
            reject(parser.lineNumber(), ex.getMessage());
        }
        seriesByText.put(ByteBuffer.wrap(copy), entry);
        return entry.labels == null ? null : entry;
    }

    private void reject(long line, String reason) {
        rejected++;
        if (rejections.size() < options.maxReportedRejections()) {
            rejections.add(new ImportSummary.Rejection(line, reason));
        }
    }

    private static final class SeriesEntry {
        Labels labels;
        long ref;
        long pendingSamples;
        long committedSamples;

        boolean hadSamples() {
            return committedSamples > 0;
        }
    }
}
