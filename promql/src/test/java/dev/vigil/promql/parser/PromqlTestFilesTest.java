package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.promql.ast.AstNormalizer;
import dev.vigil.promql.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every expression in Prometheus's promqltest files must parse, unless its case expects failure. Files that need
 * features this parser does not have report each expression they could not parse, with the reason.
 */
class PromqlTestFilesTest {
    /**
     * Files whose cases depend on Prometheus features behind flags that Vigil's parser does not implement, with the
     * reason. Every flag used by the current files is implemented, so this is empty; it stays as the place to record
     * the next one.
     */
    private static final Map<String, String> UNSUPPORTED_FEATURES = Map.of();

    @Test
    void expressionsInPromqltestFilesParse() {
        int total = 0;
        int parsed = 0;
        int expectedFailures = 0;
        List<String> unexpected = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> failedAsExpected = new ArrayList<>();
        for (String file : PromqlTestFiles.FILES) {
            for (PromqlTestFiles.Case c : PromqlTestFiles.read(file)) {
                total++;
                try {
                    Expr expr = ExpressionParser.parse(c.expr(), ParserOptions.ALL_FEATURES);
                    parsed++;
                    assertRoundTrips(c, expr);
                } catch (ParseException e) {
                    String where = c.file() + ":" + c.line() + ": " + c.expr() + " -> " + e.getMessage();
                    if (c.expectFail()) {
                        expectedFailures++;
                        failedAsExpected.add(where);
                    } else if (UNSUPPORTED_FEATURES.containsKey(file)) {
                        unsupported.add(where);
                    } else {
                        unexpected.add(where);
                    }
                }
            }
        }
        System.out.printf(
                "promqltest: %d expressions, %d parsed, %d failed as their case expects, %d not supported%n",
                total, parsed, expectedFailures, unsupported.size());
        UNSUPPORTED_FEATURES.forEach(
                (file, reason) -> System.out.println("  not supported in " + file + ": " + reason));
        unsupported.forEach(u -> System.out.println("  not supported: " + u));
        failedAsExpected.forEach(f -> System.out.println("  failed as expected: " + f));
        assertThat(unexpected).as("expressions that should parse").isEmpty();
        assertThat(total).isGreaterThan(2000);
    }

    private static void assertRoundTrips(PromqlTestFiles.Case c, Expr expr) {
        String printed = expr.toString();
        Expr reparsed = ExpressionParser.parse(printed, ParserOptions.ALL_FEATURES);
        assertThat(AstNormalizer.withoutPositions(reparsed))
                .as("%s:%d round trip of %s via %s", c.file(), c.line(), c.expr(), printed)
                .isEqualTo(AstNormalizer.withoutPositions(expr));
    }
}
