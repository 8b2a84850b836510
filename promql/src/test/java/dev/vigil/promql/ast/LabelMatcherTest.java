package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void regexesFollowRe2SyntaxWhenDecidingAboutTheEmptyValue() {
        // RE2's POSIX class: Java alone would read a class of the characters ":alph".
        assertThat(new LabelMatcher(MatchType.REGEX, "a", "[[:alpha:]]*").matchesEmpty())
                .isTrue();
        assertThat(new LabelMatcher(MatchType.REGEX, "a", "(?P<x>b)?").matchesEmpty())
                .isTrue();
        assertThat(new LabelMatcher(MatchType.REGEX, "a", "x|").matchesEmpty()).isTrue();
        assertThat(new LabelMatcher(MatchType.REGEX, "a", "foo|bar").matchesEmpty())
                .isFalse();
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
