package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.PromRegex;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void regexesAreFullyAnchoredAndDotMatchesNewline() {
        // What a matcher's regex means: PromRegex, which storage matchers apply too.
        assertThat(PromRegex.compile("foo").matches("foobar")).isFalse();
        assertThat(PromRegex.compile("foo|bar").matches("bar")).isTrue();
        assertThat(PromRegex.compile("a.c").matches("a\nc")).isTrue();
    }

    @Test
    void regexesUseRe2Syntax() {
        // java.util.regex would read [[:digit:]] as a nested class of the characters ":digt".
        assertThat(PromRegex.compile("[[:digit:]]+").matches("42")).isTrue();
        assertThat(PromRegex.compile("[[:digit:]]+").matches("git")).isFalse();
        assertThat(PromRegex.compile("(?P<port>[0-9]+)").matches("9090")).isTrue();
        assertThatThrownBy(() -> PromRegex.compile("a(?=b)"))
                .isInstanceOf(PromRegex.SyntaxError.class)
                .hasMessageContaining("lookaround");
    }

    @Test
    void regexesFollowRe2SyntaxWhenDecidingAboutTheEmptyValue() {
        // RE2's POSIX class: Java alone would read a class of the characters ":alph".
        assertThat(new LabelMatcher(MatchType.REGEX, "a", "[[:alpha:]]*").matchesEmpty())
                .isTrue();
        assertThat(new LabelMatcher(MatchType.NOT_REGEX, "a", "[[:alpha:]]+").matchesEmpty())
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
