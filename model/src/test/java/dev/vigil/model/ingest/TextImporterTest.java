package dev.vigil.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appendable;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.textparse.ExpositionFormat;
import dev.vigil.model.textparse.ParserOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextImporterTest {
    /** Keeps committed samples as text; refuses older timestamps and a different value at the newest one. */
    private static final class RecordingStorage implements Appendable {
        final List<String> committed = new ArrayList<>();
        final Map<Labels, long[]> newest = new HashMap<>();

        @Override
        public Appender appender() {
            return new Appender() {
                private final List<String> pending = new ArrayList<>();

                @Override
                public long append(long ref, Labels labels, long t, double v) throws AppendException {
                    long[] last = newest.get(labels);
                    if (last != null && t < last[0]) {
                        throw new AppendException(AppendException.Kind.OUT_OF_ORDER, labels, t, null);
                    }
                    if (last != null && t == last[0]) {
                        if (Double.doubleToLongBits(v) != last[1]) {
                            throw new AppendException(AppendException.Kind.DUPLICATE_TIMESTAMP, labels, t, null);
                        }
                        return 1;
                    }
                    newest.put(labels, new long[] {t, Double.doubleToLongBits(v)});
                    pending.add(labels + " " + t + " " + v);
                    return 1;
                }

                @Override
                public void commit() {
                    committed.addAll(pending);
                }

                @Override
                public void rollback() {}
            };
        }
    }

    private static ImportSummary run(TextImporter.Options options, String body, RecordingStorage storage) {
        InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        return new TextImporter(options).run(in, ExpositionFormat.PROMETHEUS_TEXT, storage, n -> {});
    }

    @Test
    void stopsAtTheFirstSyntaxErrorUnlessToldToSkipMalformedLines() {
        String body = "a 1 1000\nb{ 2 1000\nc 3 1000\n";
        RecordingStorage strict = new RecordingStorage();
        ImportSummary stopped = run(TextImporter.Options.defaults(), body, strict);
        assertThat(stopped.fatalError()).startsWith("line 2: expected label name");
        assertThat(strict.committed).containsExactly("{__name__=\"a\"} 1000 1.0");

        RecordingStorage lenient = new RecordingStorage();
        ImportSummary skipped = run(TextImporter.Options.defaults().withSkipMalformedLines(true), body, lenient);
        assertThat(skipped.fatalError()).isNull();
        assertThat(skipped.rejectedBy().malformed()).isEqualTo(1);
        assertThat(skipped.firstRejections())
                .containsExactly(
                        new ImportSummary.Rejection(2, "expected label name, got \"2\" at column 4: \"b{ 2 1000\""));
        assertThat(lenient.committed).containsExactly("{__name__=\"a\"} 1000 1.0", "{__name__=\"c\"} 1000 3.0");
    }

    @Test
    void aLineLongerThanTheLimitEndsTheImportOnceInsteadOfRepeating() {
        TextImporter.Options options = TextImporter.Options.defaults()
                .withSkipMalformedLines(true)
                .withParserOptions(ParserOptions.defaults().withStreamBuffer(16, 64));
        RecordingStorage storage = new RecordingStorage();
        ImportSummary s = run(options, "a 1 1000\nlong{x=\"" + "y".repeat(200) + "\"} 1 1000\nb 1 1000\n", storage);

        assertThat(s.fatalError()).contains("line longer than 64 bytes");
        assertThat(s.rejectedBy().malformed()).isEqualTo(1);
        assertThat(storage.committed).containsExactly("{__name__=\"a\"} 1000 1.0");
    }

    @Test
    void countsRejectionsByReasonAndExactRepeatsAsDuplicates() {
        RecordingStorage storage = new RecordingStorage();
        ImportSummary s = run(
                TextImporter.Options.defaults().withSkipMalformedLines(true),
                """
                m 1 2000
                m 1 2000
                m 5 2000
                m 1 1000
                n 1
                d{a="1",a="2"} 1 1000
                d{a="1",a="2"} 1 2000
                """,
                storage);

        assertThat(s.samples()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.rejectedBy()).isEqualTo(new ImportSummary.RejectionCounts(2, 1, 1, 1, 0, 0));
        assertThat(s.rejected()).isEqualTo(5);
        assertThat(s.firstRejections())
                .extracting(ImportSummary.Rejection::line)
                .containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aFailingInputEndsTheImportKeepingWhatWasRead() {
        InputStream failing = new InputStream() {
            private final byte[] head = "a 1 1000\nb 2 1000\n".getBytes(StandardCharsets.UTF_8);
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < head.length) {
                    return head[pos++];
                }
                throw new IOException("connection reset");
            }
        };
        RecordingStorage storage = new RecordingStorage();
        // A small buffer, so the first line is parsed before the stream fails.
        TextImporter.Options options = TextImporter.Options.defaults()
                .withSkipMalformedLines(true)
                .withParserOptions(ParserOptions.defaults().withStreamBuffer(16, 64));
        ImportSummary s = new TextImporter(options).run(failing, ExpositionFormat.PROMETHEUS_TEXT, storage, n -> {});

        assertThat(s.fatalError()).contains("connection reset");
        assertThat(storage.committed).contains("{__name__=\"a\"} 1000 1.0");
        assertThat(s.samples()).isEqualTo(storage.committed.size());
    }
}
