package dev.vigil.config.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.rules.Rule.AlertingRule;
import dev.vigil.config.rules.Rule.RecordingRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleFileLoaderTest {

    /** Stands in for the PromQL parser: rejects unbalanced parentheses. */
    private static final ExprValidator PARENS =
            expr -> expr.chars().filter(c -> c == '(').count()
                            == expr.chars().filter(c -> c == ')').count()
                    ? Optional.empty()
                    : Optional.of("unclosed left parenthesis");

    private static Path resource(String name) throws Exception {
        return Path.of(RuleFileLoaderTest.class.getResource("/rules/" + name).toURI());
    }

    @Test
    void loadsGroupsAndRules() throws Exception {
        RuleFile file = RuleFileLoader.load(resource("example.good.yml"), PARENS);

        assertThat(file.groups()).hasSize(2);
        RuleGroup example = file.groups().get(0);
        assertThat(example.name()).isEqualTo("example");
        assertThat(example.interval()).contains(PromDuration.ofSeconds(30));
        assertThat(example.limit()).isEqualTo(100);
        assertThat(example.queryOffset()).contains(PromDuration.ofMinutes(1));
        assertThat(example.labels()).containsEntry("team", "platform");
        assertThat(example.rules()).hasSize(2);
        assertThat(example.rules().get(0)).isInstanceOfSatisfying(RecordingRule.class, r -> {
            assertThat(r.record()).isEqualTo("code:prometheus_http_requests_total:sum");
            assertThat(r.expr()).isEqualTo("sum by (code) (prometheus_http_requests_total)");
            assertThat(r.labels()).containsEntry("source", "recording");
        });
        assertThat(example.rules().get(1)).isInstanceOfSatisfying(AlertingRule.class, a -> {
            assertThat(a.alert()).isEqualTo("HighRequestLatency");
            assertThat(a.forDuration()).isEqualTo(PromDuration.ofMinutes(10));
            assertThat(a.keepFiringFor()).isEqualTo(PromDuration.ofMinutes(5));
            assertThat(a.labels()).containsEntry("severity", "page");
            assertThat(a.annotations()).containsEntry("summary", "High request latency on {{ $labels.instance }}");
        });

        RuleGroup minimal = file.groups().get(1);
        assertThat(minimal.interval()).isEmpty();
        assertThat(minimal.queryOffset()).isEmpty();
        assertThat(minimal.limit()).isZero();
        assertThat(minimal.rules()).singleElement().isInstanceOfSatisfying(AlertingRule.class, a -> {
            assertThat(a.forDuration()).isEqualTo(PromDuration.ZERO);
            assertThat(a.keepFiringFor()).isEqualTo(PromDuration.ZERO);
        });
    }

    @Test
    void emptyFileHasNoGroups() throws Exception {
        assertThat(RuleFileLoader.load(resource("empty.good.yml"), PARENS).groups())
                .isEmpty();
    }

    @Test
    void reportsEveryProblemWithGroupAndRule() throws Exception {
        Path file = resource("several.bad.yml");
        String f = file.toString();

        assertThatThrownBy(() -> RuleFileLoader.load(file, PARENS))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                f + ":4:7: groups[0].labels.__name__: group \"api\": invalid label name: __name__",
                                f + ":6:17: groups[0].rules[0].record: group \"api\", rule 1 (alert ErrorsHigh):"
                                        + " only one of 'record' and 'alert' must be set",
                                f + ":9:9: groups[0].rules[1]: group \"api\", rule 2: one of 'record' or 'alert'"
                                        + " must be set",
                                f + ":10:17: groups[0].rules[2].record: group \"api\", rule 3 (record bad metric"
                                        + " name): invalid recording rule name: bad metric name",
                                f + ":12:14: groups[0].rules[2].for: group \"api\", rule 3 (record bad metric"
                                        + " name): invalid field 'for' in recording rule",
                                f + ":14:11: groups[0].rules[2].annotations: group \"api\", rule 3 (record bad"
                                        + " metric name): invalid field 'annotations' in recording rule",
                                f + ":16:15: groups[0].rules[3].expr: group \"api\", rule 4 (alert BrokenExpr):"
                                        + " could not parse expression: unclosed left parenthesis",
                                f + ":17:9: groups[0].rules[4]: group \"api\", rule 5 (alert NoExpr): field"
                                        + " 'expr' must be set in rule",
                                f + ":19:11: groups[0].rules[4].labels[\"bad-label\"]: group \"api\", rule 5"
                                        + " (alert NoExpr): invalid label name: bad-label",
                                f + ":21:11: groups[0].rules[4].annotations[\"0bad\"]: group \"api\", rule 5"
                                        + " (alert NoExpr): invalid annotation name: 0bad",
                                f + ":22:17: groups[0].rules[5].record: group \"api\", rule 6 (record"
                                        + " up{job=\"x\"}): braces present in the recording rule name; should it"
                                        + " be in expr?: up{job=\"x\"}",
                                f + ":24:26: groups[0].rules[5].keep_firing_for: group \"api\", rule 6 (record"
                                        + " up{job=\"x\"}): invalid field 'keep_firing_for' in recording rule",
                                f + ":25:11: groups[1].name: group name \"api\" is repeated in the same file"
                                        + " (first at line 2)",
                                f + ":27:5: groups[2]: group name must not be empty",
                                f + ":31:9: groups[2].rules[0].unknown: unknown key \"unknown\"",
                                f + ":32:1: extra: unknown key \"extra\""));
    }

    @Test
    void invalidYamlIsReportedWithLocation(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yml");
        Files.writeString(file, "groups:\n  - name: a\n   rules: []\n");

        assertThatThrownBy(() -> RuleFileLoader.load(file, ExprValidator.ACCEPT_ALL))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3:");
    }

    @Test
    void reportsTemplatesThatDoNotParseAtTheirValues() {
        TemplateValidator noUnclosed = (alert, text) -> text.contains("{{") && !text.contains("}}")
                ? Optional.of("unclosed action in " + alert)
                : Optional.empty();
        String yaml =
                """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: up == 0
                        labels:
                          severity: "{{ $labels.sev"
                        annotations:
                          summary: fine {{ $value }}
                          description: "{{ broken"
                      - record: r
                        expr: up
                        labels:
                          not_a_template_check: "{{ x"
                """;

        assertThatThrownBy(() -> RuleFileLoader.parse(yaml, "t.yml", ExprValidator.ACCEPT_ALL, noUnclosed))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(
                                e.errors().stream().map(ConfigError::toString))
                        .containsExactly(
                                "t.yml:7:21: groups[0].rules[0].labels.severity: group \"g\", rule 1 (alert A):"
                                        + " label \"severity\": unclosed action in A",
                                "t.yml:10:24: groups[0].rules[0].annotations.description: group \"g\", rule 1"
                                        + " (alert A): annotation \"description\": unclosed action in A"));
    }
}
