package dev.vigil.server.cli;

import dev.vigil.model.ingest.ImportSummary;
import dev.vigil.model.ingest.TextImporter;
import dev.vigil.model.storage.StorageException;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil import}: backfills storage from files, with the server stopped. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import samples into storage (the server must not be running on it).",
        subcommands = {ImportCommand.OpenMetrics.class})
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "an import format is required (openmetrics)");
    }

    /**
     * {@code vigil import openmetrics FILE}: OpenMetrics text (ending in {@code # EOF}) or Prometheus text format whose
     * samples carry timestamps, streamed so files larger than memory work.
     */
    @Command(
            name = "openmetrics",
            mixinStandardHelpOptions = true,
            description = "Import OpenMetrics or Prometheus text with timestamps.")
    static final class OpenMetrics implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The file to import.")
        Path file;

        @Option(
                names = "--storage.tsdb.path",
                paramLabel = "DIR",
                defaultValue = "data",
                description = "Storage directory (default: ${DEFAULT-VALUE}).")
        Path storagePath;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isRegularFile(file)) {
                err.println("vigil import: error: " + file + " is not a readable file");
                return 1;
            }
            ExpositionFormat format =
                    endsWithEof(file) ? ExpositionFormat.OPENMETRICS_TEXT : ExpositionFormat.PROMETHEUS_TEXT;
            Tsdb tsdb;
            try {
                tsdb = Tsdb.open(TsdbOptions.of(storagePath));
            } catch (StorageException e) {
                err.println("vigil import: error: " + describeOpenFailure(storagePath, e));
                return 1;
            }
            long size = Files.size(file);
            ImportSummary summary;
            try (tsdb;
                    CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
                    InputStream in = new BufferedInputStream(counted, 1 << 16)) {
                Progress progress = new Progress(err, size, counted);
                err.println("Importing " + file + " (" + format.name().toLowerCase(Locale.ROOT) + ", " + size
                        + " bytes) into " + storagePath);
                // Samples older than what the storage holds in memory go straight to persisted chunks.
                summary = new TextImporter(TextImporter.Options.defaults())
                        .run(in, format, tsdb.backfill(), progress::committed);
                progress.finished(summary.samples());
                err.println("Compacting storage");
                tsdb.compact();
            }
            printSummary(out, summary);
            return summary.fatalError() == null ? 0 : 1;
        }

        private static void printSummary(PrintWriter out, ImportSummary s) {
            out.println("Series:   " + s.series());
            out.println("Samples:  " + s.samples());
            if (s.samples() > 0) {
                out.println("Time range: " + Instant.ofEpochMilli(s.minTimeMs()) + " .. "
                        + Instant.ofEpochMilli(s.maxTimeMs()));
            }
            out.println("Rejected: " + s.rejected());
            s.firstRejections().forEach(r -> out.println("  " + r));
            if (s.rejected() > s.firstRejections().size()) {
                out.println("  ... and " + (s.rejected() - s.firstRejections().size()) + " more");
            }
            if (s.fatalError() != null) {
                out.println("Stopped early at " + s.fatalError() + "; samples before it were imported.");
            }
            out.flush();
        }
    }

    /** RocksDB's LOCK file is what tells that a server (or another import) holds the directory. */
    static String describeOpenFailure(Path dir, StorageException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("lock")) {
                return "storage directory " + dir + " is in use by another process (is a Vigil server running on it?"
                        + " Stop it before importing)";
            }
        }
        return "cannot open storage at " + dir + ": " + e.getMessage();
    }

    /** Whether the file's last non-blank line is {@code # EOF}, the mark of OpenMetrics. */
    static boolean endsWithEof(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int tail = (int) Math.min(64, length);
            byte[] bytes = new byte[tail];
            raf.seek(length - tail);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).strip().endsWith("# EOF");
        }
    }

    /** Prints progress to the terminal at most once a second, and once when the file has been read. */
    private static final class Progress {
        private final PrintWriter err;
        private final long totalBytes;
        private final CountingInputStream read;
        private long lastPrint = System.nanoTime();

        Progress(PrintWriter err, long totalBytes, CountingInputStream read) {
            this.err = err;
            this.totalBytes = totalBytes;
            this.read = read;
        }

        void committed(long samples) {
            long now = System.nanoTime();
            if (now - lastPrint >= 1_000_000_000L) {
                lastPrint = now;
                print(samples);
            }
        }

        void finished(long samples) {
            print(samples);
        }

        private void print(long samples) {
            long percent = totalBytes == 0 ? 100 : read.count() * 100 / totalBytes;
            err.println("  " + samples + " samples imported, " + percent + "% of the file read");
            err.flush();
        }
    }

    /** Counts the bytes read through it, for progress. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
