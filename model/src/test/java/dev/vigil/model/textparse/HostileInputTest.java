package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Inputs a broken or malicious target may send: each must fail cleanly, fast and in bounded memory. */
@Timeout(60)
class HostileInputTest {

    @Test
    void nulBytesAreAllowedOnlyInsideQuotedValuesHelpAndComments() throws Exception {
        byte[] ok = "# HELP a he\0lp\n# com\0ment\na{b=\"x\0y\"} 1\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Dump.all(ExpositionFormat.PROMETHEUS_TEXT.newParser(ok)))
                .containsExactly(
                        "HELP a \"he\\x00lp\"", "COMMENT \"# com\\x00ment\"", "SERIES a{b=\"x\\x00y\"} 1.0", "EOF");
        for (String bad : new String[] {"a\0 1", "a{b\0=\"c\"} 1", "a 1\0", "a 1 2\0", "\0"}) {
            assertThatThrownBy(() ->
                            Dump.all(ExpositionFormat.PROMETHEUS_TEXT.newParser(bad.getBytes(StandardCharsets.UTF_8))))
                    .as(bad)
                    .isInstanceOf(TextParseException.class);
        }
        byte[] allNul = new byte[1 << 20];
        assertThatThrownBy(() -> Dump.all(ExpositionFormat.PROMETHEUS_TEXT.newParser(allNul)))
                .isInstanceOf(TextParseException.class)
                .hasMessageContaining("line 1, column 1");
    }

    @Test
    void invalidUtf8IsRejectedInLabelValuesNamesAndHelp() {
        byte[][] bad = {
            bytes("a{b=\"", 0xC3, "\"} 1"), // truncated 2-byte sequence
            bytes("a{b=\"", 0xE2, 0x82, "\"} 1"), // truncated 3-byte sequence
            bytes("a{b=\"", 0xF8, 0x88, 0x80, 0x80, 0x80, "\"} 1"), // 5-byte form
            bytes("a{b=\"", 0xF4, 0x90, 0x80, 0x80, "\"} 1"), // above U+10FFFF
            bytes("a{b=\"", 0xE0, 0x80, 0xAF, "\"} 1"), // overlong '/'
            bytes("{\"", 0xFF, "\"} 1"),
            bytes("# HELP a ", 0xFE),
        };
        for (byte[] body : bad) {
            assertThatThrownBy(() -> Dump.all(ExpositionFormat.PROMETHEUS_TEXT.newParser(body)))
                    .isInstanceOf(TextParseException.class)
                    .hasMessageMatching("(?s).*(invalid UTF-8|not a valid utf8).*");
        }
    }

    @Test
    void aTenMegabyteLineParsesInMemoryAndIsCutToSizeInTheErrorSnippet() throws Exception {
        int size = 10 << 20;
        byte[] body = new byte[size + 20];
        byte[] head = "a{b=\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        Arrays.fill(body, head.length, head.length + size, (byte) 'x');
        byte[] tail = "\"} 1\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, body, head.length + size, tail.length);
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(
                body, 0, head.length + size + tail.length, ParserOptions.defaults());
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.labelValue(0)).hasSize(size);

        // Unterminated: the error snippet stays short however long the line is.
        body[head.length + size] = 'x';
        ExpositionParser broken = ExpositionFormat.PROMETHEUS_TEXT.newParser(body);
        assertThatThrownBy(broken::next).isInstanceOfSatisfying(TextParseException.class, e -> {
            assertThat(e.reason()).startsWith("expected label value");
            assertThat(e.snippet().length()).isLessThan(400);
            assertThat(e.column()).isEqualTo(5);
        });
    }

    @Test
    void streamingRejectsALineLongerThanTheLimitWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'a');
                served += len;
                return len;
            }
        };
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newStreamingParser(
                endless, ParserOptions.defaults().withStreamBuffer(4096, 1 << 20));
        assertThatThrownBy(p::next).isInstanceOfSatisfying(TextParseException.class, e -> {
            assertThat(e.reason()).isEqualTo("line longer than 1048576 bytes");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.snippet().length()).isLessThan(400);
        });
    }

    @Test
    void streamingABodyFarLargerThanItsBufferKeepsTheBufferSize() throws Exception {
        int lines = 2_000_000;
        InputStream generated = new InputStream() {
            private final byte[] line = "node_network_transmit_bytes_total{device=\"eth0\"} 1.5e+09 1718712345000\n"
                    .getBytes(StandardCharsets.US_ASCII);
            private long served;
            private final long total = (long) line.length * lines;

            @Override
            public int read() {
                return served < total ? line[(int) (served++ % line.length)] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - served);
                for (int k = 0; k < n; k++) {
                    b[off + k] = line[(int) (served++ % line.length)];
                }
                return n;
            }
        };
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newStreamingParser(
                generated, ParserOptions.defaults().withStreamBuffer(64 * 1024, 1 << 20));
        long count = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            count++;
            assertThat(p.seriesBuffer().length).isEqualTo(64 * 1024);
        }
        assertThat(count).isEqualTo(lines);
        assertThat(p.lineNumber()).isEqualTo(lines);
        assertThat(p.timestampMs()).isEqualTo(1718712345000L);
    }

    @Test
    void streamingGrowsTheBufferForALongLineWithinTheLimit() throws Exception {
        String longValue = "v".repeat(100_000);
        byte[] body = ("a 1\nb{x=\"" + longValue + "\"} 2\nc 3\n").getBytes(StandardCharsets.US_ASCII);
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newStreamingParser(
                new ByteArrayInputStream(body), ParserOptions.defaults().withStreamBuffer(64, 200_000));
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.labelValue(0)).isEqualTo(longValue);
        assertThat(p.lineNumber()).isEqualTo(2);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.metricName()).isEqualTo("c");
        assertThat(p.lineNumber()).isEqualTo(3);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void unterminatedQuotesFailOnTheirOwnLine() {
        for (String body : new String[] {"a{b=\"c} 1\nd 2\n", "{\"a 1\nb 2", "# HELP \"a help\n", "a{b=\"c\\\"} 1\n"}) {
            assertThatThrownBy(() ->
                            Dump.all(ExpositionFormat.PROMETHEUS_TEXT.newParser(body.getBytes(StandardCharsets.UTF_8))))
                    .as(body)
                    .isInstanceOfSatisfying(
                            TextParseException.class, e -> assertThat(e.line()).isEqualTo(1));
        }
    }

    @Test
    void openMetricsNeedsEofAndNothingAfterIt() {
        assertThatThrownBy(() -> Dump.all(ExpositionFormat.OPENMETRICS_TEXT.newParser(bytes("a 1\nb 2\n"))))
                .isInstanceOfSatisfying(TextParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("data does not end with # EOF");
                    assertThat(e.line()).isEqualTo(3);
                });
        assertThatThrownBy(() -> Dump.all(ExpositionFormat.OPENMETRICS_TEXT.newParser(bytes("a 1\n# EOF\nb 2\n"))))
                .isInstanceOfSatisfying(TextParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("unexpected data after # EOF");
                    assertThat(e.line()).isEqualTo(3);
                });
    }

    @Test
    void duplicateTypeLinesAreAcceptedAndTheLastOneWinsAsInPrometheus() throws Exception {
        ExpositionParser p = ExpositionFormat.OPENMETRICS_TEXT.newParser(
                bytes("# TYPE a gauge\n# TYPE a histogram\na_bucket{le=\"1\"} 1\n# EOF\n"));
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        assertThat(p.next()).isEqualTo(Entry.TYPE);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.familyType()).isEqualTo(FamilyType.HISTOGRAM);
        assertThat(p.labelValue(0)).isEqualTo("1.0");
    }

    @Test
    void manyLabelsOnOneLineParseLinearly() throws Exception {
        StringBuilder sb = new StringBuilder("a{");
        for (int i = 0; i < 100_000; i++) {
            sb.append("l").append(i).append("=\"v\",");
        }
        sb.append("} 1\n");
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(bytes(sb.toString()));
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.labelCount()).isEqualTo(100_000);
        assertThat(p.labelName(99_999)).isEqualTo("l99999");
    }

    @Test
    void aMillionSeriesBodyParsesQuickly() throws Exception {
        StringBuilder sb = new StringBuilder(64 << 20);
        sb.append("# HELP node_network_receive_bytes_total Network device statistic receive_bytes.\n");
        sb.append("# TYPE node_network_receive_bytes_total counter\n");
        for (int i = 0; i < 1_000_000; i++) {
            sb.append("node_network_receive_bytes_total{device=\"veth")
                    .append(i)
                    .append("\",namespace=\"ns-")
                    .append(i % 97)
                    .append("\"} ")
                    .append(i * 1234.5)
                    .append('\n');
        }
        byte[] body = bytes(sb.toString());
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(body);
        long start = System.nanoTime();
        int series = 0;
        double sum = 0;
        for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
            if (e == Entry.SERIES) {
                series++;
                sum += p.value();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(series).isEqualTo(1_000_000);
        assertThat(sum).isEqualTo(1234.5 * (999_999.0 * 1_000_000 / 2));
        // Typically ~0.1-0.3 s on a laptop core, cold JIT included; the bound only catches pathologies.
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        System.out.println("1e6 series, " + body.length + " bytes parsed in " + took.toMillis() + " ms");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenates strings (as UTF-8) and ints (as single raw bytes). */
    static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer b) {
                out.write(b);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
