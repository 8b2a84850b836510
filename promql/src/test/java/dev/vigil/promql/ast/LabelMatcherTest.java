package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void regexesAreFullyAnchoredAndDotMatchesNewline() {
        assertThat(LabelMatcher.anchoredPattern("foo").matcher("foobar").matches())
                .isFalse();
        assertThat(LabelMatcher.anchoredPattern("foo|bar").matcher("bar").matches())
                .isTrue();
        assertThat(LabelMatcher.anchoredPattern("a.c").matcher("a\nc").matches())
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
