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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Streams Prometheus text or OpenMetrics with timestamps into storage, committing in batches, so a file or request
 * body larger than memory can be imported in fixed memory (the parser's buffer plus one cache entry per distinct
 * series). Lines that cannot be stored (no timestamp and no default, out of order, invalid labels) are counted by
 * reason and reported with their line numbers while the rest goes on. A syntax error stops the import, keeping what
 * was committed before it, unless {@link Options#skipMalformedLines()} is set: then the malformed line is reported
 * like any other rejection and the import goes on with the next line. An input that fails to read (a truncated gzip
 * stream, a client that went away) ends the import as a fatal error, keeping what was read before. Not thread-safe: one import per instance.
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
     * @param skipMalformedLines report a line with a syntax error and go on, instead of stopping the import
     * @param parserOptions the streaming parser's buffer size and longest accepted line
     */
    public record Options(
            int commitEvery,
            int maxReportedRejections,
            Map<String, String> extraLabels,
            long defaultTimestampMs,
            boolean skipMalformedLines,
            ParserOptions parserOptions) {
        public Options {
            if (commitEvery <= 0) {
                throw new IllegalArgumentException("commitEvery must be positive, got " + commitEvery);
            }
            extraLabels = Map.copyOf(extraLabels);
            java.util.Objects.requireNonNull(parserOptions, "parserOptions");
        }

        /** Batches of 50,000 samples, 20 reported rejections, no default timestamp, stop at a syntax error. */
        public static Options defaults() {
            return new Options(50_000, 20, Map.of(), Long.MIN_VALUE, false, ParserOptions.defaults());
        }

        public Options withExtraLabels(Map<String, String> labels) {
            return new Options(
                    commitEvery, maxReportedRejections, labels, defaultTimestampMs, skipMalformedLines, parserOptions);
        }

        public Options withDefaultTimestamp(long timestampMs) {
            return new Options(
                    commitEvery, maxReportedRejections, extraLabels, timestampMs, skipMalformedLines, parserOptions);
        }

        public Options withSkipMalformedLines(boolean skip) {
            return new Options(
                    commitEvery, maxReportedRejections, extraLabels, defaultTimestampMs, skip, parserOptions);
        }

        public Options withParserOptions(ParserOptions options) {
            return new Options(
                    commitEvery, maxReportedRejections, extraLabels, defaultTimestampMs, skipMalformedLines, options);
        }

        public Options withCommitEvery(int samples) {
            return new Options(
                    samples, maxReportedRejections, extraLabels, defaultTimestampMs, skipMalformedLines, parserOptions);
        }
    }

    private final Options options;
    private final Map<ByteBuffer, SeriesEntry> seriesByText = new HashMap<>();
    private final LabelsBuilder builder = new LabelsBuilder();
    private final List<ImportSummary.Rejection> rejections = new ArrayList<>();
    private final List<SeriesEntry> touchedSinceCommit = new ArrayList<>();
    private long malformed;
    private long noTimestamp;
    private final long[] rejectedByKind = new long[AppendException.Kind.values().length];
    private long duplicates;
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
        ExpositionParser parser = format.newStreamingParser(in, options.parserOptions());
        Appender appender = storage.appender();
        int pending = 0;
        long pendingMin = Long.MAX_VALUE;
        long pendingMax = Long.MIN_VALUE;
        long lastErrorLine = -1;
        String fatal = null;
        try {
            while (true) {
                Entry e;
                try {
                    e = parser.next();
                } catch (TextParseException ex) {
                    // A parser steps past a bad line, so the same line failing twice means it cannot go on.
                    if (!options.skipMalformedLines() || ex.line() == lastErrorLine) {
                        fatal = "line " + ex.line() + ": " + ex.getMessage();
                        break;
                    }
                    lastErrorLine = ex.line();
                    malformed++;
                    report(ex.line(), ex.reason() + " at column " + ex.column() + ": " + ex.snippet());
                    continue;
                } catch (UncheckedIOException ex) {
                    // What was parsed before the input failed is valid and is kept.
                    IOException cause = ex.getCause();
                    fatal = ex.getMessage() + (cause == null ? "" : ": " + cause.getMessage());
                    break;
                }
                if (e == Entry.EOF) {
                    break;
                }
                if (e != Entry.SERIES) {
                    continue;
                }
                long t = parser.hasTimestamp() ? parser.timestampMs() : options.defaultTimestampMs();
                if (t == Long.MIN_VALUE) {
                    noTimestamp++;
                    report(parser.lineNumber(), "sample has no timestamp");
                    continue;
                }
                SeriesEntry series = series(parser);
                if (series == null) {
                    continue;
                }
                boolean repeatsNewest = series.ref != 0 && t == series.newestTimestamp;
                try {
                    series.ref = appender.append(series.ref, series.labels, t, parser.value());
                } catch (AppendException ex) {
                    rejectedByKind[ex.kind().ordinal()]++;
                    report(parser.lineNumber(), ex.getMessage());
                    continue;
                }
                if (repeatsNewest) {
                    // The storage accepted it as a no-op: same timestamp and value as the series' newest sample.
                    duplicates++;
                    continue;
                }
                series.newestTimestamp = Math.max(series.newestTimestamp, t);
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
        } catch (RuntimeException ex) {
            appender.rollback();
            throw ex;
        }
        appender.commit();
        account(pending, pendingMin, pendingMax);
        progress.accept(samples);
        long seriesWithSamples =
                seriesByText.values().stream().filter(s -> s.hadSamples()).count();
        AppendException.Kind[] kinds = AppendException.Kind.values();
        long[] byKind = new long[kinds.length];
        System.arraycopy(rejectedByKind, 0, byKind, 0, kinds.length);
        ImportSummary.RejectionCounts counts = new ImportSummary.RejectionCounts(
                malformed,
                noTimestamp,
                byKind[AppendException.Kind.OUT_OF_ORDER.ordinal()],
                byKind[AppendException.Kind.DUPLICATE_TIMESTAMP.ordinal()],
                byKind[AppendException.Kind.OUT_OF_BOUNDS.ordinal()],
                byKind[AppendException.Kind.INVALID_LABELS.ordinal()]);
        return new ImportSummary(
                seriesWithSamples, samples, minTime, maxTime, counts.total(), counts, duplicates, rejections, fatal);
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
    private SeriesEntry series(ExpositionParser parser) {
        ByteBuffer key = ByteBuffer.wrap(parser.seriesBuffer(), parser.seriesOffset(), parser.seriesLength());
        SeriesEntry cached = seriesByText.get(key);
        if (cached != null) {
            if (cached.labels == null) {
                // Later lines of a series whose labels were refused are refused for the same reason.
                countRefusal(cached);
                report(parser.lineNumber(), cached.refusal);
                return null;
            }
            return cached;
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
        } catch (TextParseException ex) {
            entry.refusedAsMalformed = true;
            entry.refusal = ex.reason() + " at column " + ex.column() + ": " + ex.snippet();
        } catch (IllegalArgumentException ex) {
            entry.refusal = ex.getMessage();
        }
        if (entry.labels == null) {
            countRefusal(entry);
            report(parser.lineNumber(), entry.refusal);
        }
        seriesByText.put(ByteBuffer.wrap(copy), entry);
        return entry.labels == null ? null : entry;
    }

    private void countRefusal(SeriesEntry refused) {
        if (refused.refusedAsMalformed) {
            malformed++;
        } else {
            rejectedByKind[AppendException.Kind.INVALID_LABELS.ordinal()]++;
        }
    }

    private void report(long line, String reason) {
        if (rejections.size() < options.maxReportedRejections()) {
            rejections.add(new ImportSummary.Rejection(line, reason));
        }
    }

    private static final class SeriesEntry {
        Labels labels;
        /** Why {@link #labels} is null. */
        String refusal;

        boolean refusedAsMalformed;
        long ref;
        long newestTimestamp = Long.MIN_VALUE;
        long pendingSamples;
        long committedSamples;

        boolean hadSamples() {
            return committedSamples > 0;
        }
    }
}
