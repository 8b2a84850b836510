package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the one-line cases of {@code exposition/valid_cases.txt} and {@code invalid_cases.txt}. */
class CaseTableTest {

    static List<Arguments> validCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] row : rows("valid_cases.txt", 3)) {
            out.add(Arguments.of(row[0], row[1], Arrays.asList(row[2].split(" \\| "))));
        }
        return out;
    }

    static List<Arguments> invalidCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String[] row : rows("invalid_cases.txt", 5)) {
            out.add(Arguments.of(row[0], row[1], Long.parseLong(row[2]), Integer.parseInt(row[3]), row[4]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("validCases")
    void parsesValidInput(String format, String input, List<String> expected) throws Exception {
        byte[] body = Dump.unescapeCell(input);
        assertThat(Dump.all(formatOf(format).newParser(body))).containsExactlyElementsOf(expected);
        // The same body inside a larger array, at an offset, must parse the same.
        byte[] padded = new byte[body.length + 7];
        Arrays.fill(padded, (byte) 'x');
        System.arraycopy(body, 0, padded, 3, body.length);
        ExpositionParser p = formatOf(format).newParser(padded, 3, body.length, ParserOptions.defaults());
        assertThat(Dump.all(p)).containsExactlyElementsOf(expected);
        // And through the streaming reader with a tiny buffer.
        ExpositionParser s = formatOf(format)
                .newStreamingParser(
                        new ByteArrayInputStream(body), ParserOptions.defaults().withStreamBuffer(16, 1024));
        assertThat(Dump.all(s)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidCases")
    void rejectsInvalidInput(String format, String input, long line, int column, String reason) {
        byte[] body = Dump.unescapeCell(input);
        TextParseException e = catchThrowableOfType(
                TextParseException.class, () -> Dump.all(formatOf(format).newParser(body)));
        assertThat(e).as("no error for %s", input).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.line()).as("line").isEqualTo(line);
        assertThat(e.column()).as("column").isEqualTo(column);
        assertThat(e.getMessage()).contains(reason).contains("line " + line);

        ExpositionParser s = formatOf(format)
                .newStreamingParser(
                        new ByteArrayInputStream(body), ParserOptions.defaults().withStreamBuffer(16, 1024));
        TextParseException streamed = catchThrowableOfType(TextParseException.class, () -> Dump.all(s));
        assertThat(streamed).isNotNull();
        assertThat(streamed.reason()).isEqualTo(reason);
        assertThat(streamed.line()).isEqualTo(line);
        assertThat(streamed.column()).isEqualTo(column);
    }

    static ExpositionFormat formatOf(String name) {
        return switch (name) {
            case "text" -> ExpositionFormat.PROMETHEUS_TEXT;
            case "om" -> ExpositionFormat.OPENMETRICS_TEXT;
            default -> throw new IllegalArgumentException("unknown format " + name);
        };
    }

    static List<String[]> rows(String resource, int columns) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = CaseTableTest.class.getResourceAsStream("/exposition/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] row = line.split("\t", -1);
                if (row.length != columns) {
                    throw new IllegalStateException(resource + ": expected " + columns + " columns in: " + line);
                }
                out.add(row);
            }
        }
        return out;
    }
}
