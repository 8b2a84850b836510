package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void regexesAreFullyAnchoredAndDotMatchesNewline() {
        assertThat(LabelMatcher.regex("foo").matches("foobar")).isFalse();
        assertThat(LabelMatcher.regex("foo|bar").matches("bar")).isTrue();
        assertThat(LabelMatcher.regex("a.c").matches("a\nc")).isTrue();
    }

    @Test
    void regexesUseRe2Syntax() {
        // java.util.regex would read [[:digit:]] as a nested class of the characters ":digt".
        assertThat(LabelMatcher.regex("[[:digit:]]+").matches("42")).isTrue();
        assertThat(LabelMatcher.regex("[[:digit:]]+").matches("git")).isFalse();
        assertThat(LabelMatcher.regex("(?P<port>[0-9]+)").matches("9090")).isTrue();
        assertThatThrownBy(() -> LabelMatcher.regex("a(?=b)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookaround");
        assertThat(new LabelMatcher(MatchType.REGEX, "a", "[[:alpha:]]*").matchesEmpty())
                .isTrue();
        assertThat(new LabelMatcher(MatchType.NOT_REGEX, "a", "[[:alpha:]]+").matchesEmpty())
                .isTrue();
    }

    @Test
    void knowsWhetherItMatchesTheEmptyValue() {
        assertThat(new LabelMatcher(MatchType.EQUAL, "a", "").matchesEmpty()).isTrue();
        assertThat(new LabelMatcher(MatchType.EQUAL, "a", "x").matchesEmpty()).isFalse();
        assertThat(new LabelMatcher(MatchType.NOT_EQUAL, "a", "x").matchesEmpty())
                .isTrue();
        assertThat(new LabelMatcher(MatchType.REGEX, "a", ".*").matchesEmpty()).isTrue();
        assertThat(new LabelMatcher(MatchType.REGEX, "a", ".+").matchesEmpty()).isFalse();
        assertThat(new LabelMatcher(MatchType.NOT_REGEX, "a", ".+").matchesEmpty())
                .isTrue();
        assertThat(new LabelMatcher(MatchType.NOT_REGEX, "a", "").matchesEmpty())
                .isFalse();
    }

    @Test
    void printsLikePrometheus() {
        assertThat(new LabelMatcher(MatchType.NOT_REGEX, "a.b", "x\"y")).hasToString("\"a.b\"!~\"x\\\"y\"");
    }
}
