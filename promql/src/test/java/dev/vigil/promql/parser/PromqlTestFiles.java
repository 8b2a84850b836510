package dev.vigil.promql.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the expressions out of Prometheus's promqltest script files (test resources under {@code promqltest/}):
 * the text after {@code eval[_fail|_warn|_info|_ordered] instant at T} or {@code ... range from A to B step S},
 * with whether the case expects failure ({@code eval_fail} or an {@code expect fail} line in its body).
 */
final class PromqlTestFiles {
    static final List<String> FILES = List.of(
            "aggregators.test",
            "at_modifier.test",
            "collision.test",
            "duration_expression.test",
            "extended_vectors.test",
            "fill-modifier.test",
            "functions.test",
            "histograms.test",
            "info.test",
            "limit.test",
            "literals.test",
            "name_label_dropping.test",
            "native_histograms.test",
            "operators.test",
            "range_queries.test",
            "selectors.test",
            "staleness.test",
            "start_timestamps.test",
            "subquery.test",
            "trig_functions.test",
            "type_and_unit.test");

    private static final Pattern EVAL = Pattern.compile("^(eval(?:_fail|_warn|_info|_ordered)?)\\s+"
            + "(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)\\s+(.+)$");

    record Case(String file, int line, String expr, boolean expectFail) {}

    private PromqlTestFiles() {}

    static List<Case> read(String file) {
        List<String> lines = resourceLines("promqltest/" + file);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EVAL.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            boolean expectFail = m.group(1).equals("eval_fail");
            for (int j = i + 1; j < lines.size() && isCaseBody(lines.get(j)); j++) {
                if (lines.get(j).trim().startsWith("expect fail")) {
                    expectFail = true;
                }
            }
            cases.add(new Case(file, i + 1, m.group(2).trim(), expectFail));
        }
        return cases;
    }

    /** Indented lines after an eval command hold its expectations and expected series. */
    private static boolean isCaseBody(String line) {
        return !line.isBlank() && Character.isWhitespace(line.charAt(0));
    }

    private static List<String> resourceLines(String path) {
        try (InputStream in = PromqlTestFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
