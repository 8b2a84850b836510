package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatchType;
import dev.vigil.promql.ast.VectorSelector;
import org.junit.jupiter.api.Test;

class MetricSelectorParserTest {
    @Test
    void parsesNameAndMatchersWithTheNameMatcherLast() {
        VectorSelector vs = ExpressionParser.parseMetricSelector("up{job=\"api\", instance=~\"a.*\"}");
        assertThat(vs.allMatchers())
                .containsExactly(
                        new LabelMatcher(MatchType.EQUAL, "job", "api"),
                        new LabelMatcher(MatchType.REGEX, "instance", "a.*"),
                        new LabelMatcher(MatchType.EQUAL, "__name__", "up"));
    }

    @Test
    void acceptsSelectorsWithoutNonEmptyMatchersForTheCallerToJudge() {
        assertThat(ExpressionParser.parseMetricSelector("{}").allMatchers()).isEmpty();
        assertThat(ExpressionParser.parseMetricSelector("{job=\"\"}").allMatchers())
                .containsExactly(new LabelMatcher(MatchType.EQUAL, "job", ""));
        assertThat(ExpressionParser.parseMetricSelector("{\"utf8.name\"}").allMatchers())
                .containsExactly(new LabelMatcher(MatchType.EQUAL, "__name__", "utf8.name"));
    }

    @Test
    void rejectsAnythingButABareSelectorWithPrometheusMessages() {
        assertThatThrownBy(() -> ExpressionParser.parseMetricSelector("up[5m]"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:3: parse error: unexpected \"[\"");
        assertThatThrownBy(() -> ExpressionParser.parseMetricSelector("up offset 5m"))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:4: parse error: unexpected <offset>");
        assertThatThrownBy(() -> ExpressionParser.parseMetricSelector("up{job=~\"(\"}"))
                .isInstanceOf(ParseException.class)
                .hasMessageStartingWith("1:4: parse error: error parsing regexp");
        assertThatThrownBy(() -> ExpressionParser.parseMetricSelector("sum(up)"))
                .isInstanceOf(ParseException.class);
    }
}
