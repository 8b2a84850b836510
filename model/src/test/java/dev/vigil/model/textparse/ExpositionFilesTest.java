package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole realistic bodies under {@code exposition/}, each with a {@code .expected} dump beside it. */
class ExpositionFilesTest {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("node_exporter.prom", ExpositionFormat.PROMETHEUS_TEXT),
                Arguments.of("openmetrics.om.txt", ExpositionFormat.OPENMETRICS_TEXT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void parsesToExpectedEntries(String file, ExpositionFormat format) throws Exception {
        List<String> expected = expected(file);
        assertThat(Dump.all(format.newParser(resource(file)))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void streamingMatchesInMemoryForRandomBufferAndReadSizes(String file, ExpositionFormat format) throws Exception {
        byte[] body = resource(file);
        List<String> expected = Dump.all(format.newParser(body));
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int bufferSize = 16 + random.nextInt(300);
            int maxRead = 1 + random.nextInt(64);
            ExpositionParser p = format.newStreamingParser(
                    new TrickleInputStream(new ByteArrayInputStream(body), maxRead, random.nextLong()),
                    ParserOptions.defaults().withStreamBuffer(bufferSize, 4096));
            assertThat(Dump.all(p))
                    .as("buffer %d, reads of at most %d bytes", bufferSize, maxRead)
                    .containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void lineNumbersAreTheSameWhenStreaming(String file, ExpositionFormat format) throws Exception {
        byte[] body = resource(file);
        ExpositionParser whole = format.newParser(body);
        ExpositionParser streamed = format.newStreamingParser(
                new TrickleInputStream(new ByteArrayInputStream(body), 7, 1),
                ParserOptions.defaults().withStreamBuffer(32, 4096));
        for (Entry e = whole.next(); e != Entry.EOF; e = whole.next()) {
            assertThat(streamed.next()).isEqualTo(e);
            assertThat(streamed.lineNumber()).isEqualTo(whole.lineNumber());
            if (e == Entry.SERIES) {
                assertThat(new String(
                                streamed.seriesBuffer(),
                                streamed.seriesOffset(),
                                streamed.seriesLength(),
                                StandardCharsets.UTF_8))
                        .isEqualTo(new String(
                                whole.seriesBuffer(),
                                whole.seriesOffset(),
                                whole.seriesLength(),
                                StandardCharsets.UTF_8));
            }
        }
        assertThat(streamed.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void streamingReportsTheSameErrorAsInMemory() throws Exception {
        byte[] body = (new String(resource("node_exporter.prom"), StandardCharsets.UTF_8) + "broken{a=\"b\" 1\n")
                .getBytes(StandardCharsets.UTF_8);
        TextParseException inMemory = errorOf(ExpositionFormat.PROMETHEUS_TEXT.newParser(body));
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newStreamingParser(
                    new TrickleInputStream(new ByteArrayInputStream(body), 1 + random.nextInt(40), round),
                    ParserOptions.defaults().withStreamBuffer(16 + random.nextInt(200), 4096));
            TextParseException streamed = errorOf(p);
            assertThat(streamed.getMessage()).isEqualTo(inMemory.getMessage());
        }
        assertThat(inMemory.line()).isEqualTo(59);
    }

    private static TextParseException errorOf(ExpositionParser p) {
        try {
            Dump.all(p);
        } catch (TextParseException e) {
            return e;
        }
        throw new AssertionError("expected a parse error");
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ExpositionFilesTest.class.getResourceAsStream("/exposition/" + name)) {
            return in.readAllBytes();
        }
    }

    static List<String> expected(String name) throws IOException {
        String text = new String(resource(name + ".expected"), StandardCharsets.UTF_8);
        return Arrays.asList((text + "EOF").split("\n"));
    }

    /** Returns at most {@code maxRead} bytes per read, of random size: network-like fragmentation. */
    static final class TrickleInputStream extends FilterInputStream {
        private final int maxRead;
        private final Random random;

        TrickleInputStream(InputStream in, int maxRead, long seed) {
            super(in);
            this.maxRead = maxRead;
            this.random = new Random(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
        }
    }
}
