package dev.vigil.model.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatcherTest {

    static Stream<Arguments> semantics() {
        return Stream.of(
                // type, pattern, value, expected
                Arguments.of("=", "foo", "foo", true),
                Arguments.of("=", "foo", "foobar", false),
                Arguments.of("=", "", "", true),
                Arguments.of("=", "", "x", false),
                Arguments.of("!=", "foo", "foo", false),
                Arguments.of("!=", "foo", "bar", true),
                Arguments.of("!=", "", "", false),
                Arguments.of("=~", "foo", "foo", true),
                Arguments.of("=~", "foo", "xfoo", false),
                Arguments.of("=~", "foo", "foox", false),
                Arguments.of("=~", "fo+", "fooo", true),
                Arguments.of("=~", "a|b|c", "b", true),
                Arguments.of("=~", "a|b|c", "ab", false),
                Arguments.of("=~", "a|b|c", "", false),
                Arguments.of("=~", "(a|b)", "a", true),
                Arguments.of("=~", "(?:a|b)", "b", true),
                Arguments.of("=~", "a|", "", true),
                Arguments.of("=~", "", "", true),
                Arguments.of("=~", "", "x", false),
                Arguments.of("=~", "foo.*", "foo", true),
                Arguments.of("=~", "foo.*", "foobar", true),
                Arguments.of("=~", "foo.*", "fo", false),
                Arguments.of("=~", "foo.*", "foo\nbar", true),
                Arguments.of("=~", "foo\\.bar", "foo.bar", true),
                Arguments.of("=~", "foo\\.bar", "fooxbar", false),
                Arguments.of("=~", "foo\\.*", "foo..", true),
                Arguments.of("=~", "foo\\.*", "foobar", false),
                Arguments.of("=~", ".*", "", true),
                Arguments.of("=~", ".*", "a\nb", true),
                Arguments.of("=~", ".+", "", false),
                Arguments.of("=~", ".+", "\n", true),
                Arguments.of("=~", "a.c", "a\nc", true),
                Arguments.of("=~", "(?i)FOO", "foo", true),
                Arguments.of("=~", "(?i)straße", "STRASSE", false),
                Arguments.of("=~", "(?i)ǅ", "ǆ", true),
                Arguments.of("=~", "[[:digit:]]+", "123", true),
                Arguments.of("=~", "[[:digit:]]+", "12a", false),
                Arguments.of("=~", "[[:^alpha:]]", "1", true),
                Arguments.of("=~", "[[:^alpha:]]", "a", false),
                Arguments.of("=~", "[[:word:]]+", "a_1", true),
                Arguments.of("=~", "[a[]", "[", true),
                Arguments.of("=~", "[a&&b]", "&", true),
                Arguments.of("=~", "[]a]", "]", true),
                Arguments.of("=~", "\\s", "\u000B", false),
                Arguments.of("=~", "\\s", "\t", true),
                Arguments.of("=~", "\\S", "\u000B", true),
                Arguments.of("=~", "\\v", "\u000B", true),
                Arguments.of("=~", "\\v", "\n", false),
                Arguments.of("=~", "\\101", "A", true),
                Arguments.of("=~", "\\0", "\0", true),
                Arguments.of("=~", "a{", "a{", true),
                Arguments.of("=~", "a{,2}", "a{,2}", true),
                Arguments.of("=~", "a{2}", "aa", true),
                Arguments.of("=~", "\\p{Greek}+", "αβ", true),
                Arguments.of("=~", "\\pL", "x", true),
                Arguments.of("=~", "\\p{^Greek}", "a", true),
                Arguments.of("=~", "(?P<first_word>\\w+) x", "hi x", true),
                Arguments.of("=~", "\\Qa.b\\E", "a.b", true),
                Arguments.of("=~", "\\Qa.b\\E", "axb", false),
                Arguments.of("=~", "\\x41\\x{42}", "AB", true),
                Arguments.of("!~", "foo", "foo", false),
                Arguments.of("!~", "foo", "bar", true),
                Arguments.of("!~", "a|b", "a", false),
                Arguments.of("!~", "a|b", "", true),
                Arguments.of("!~", "foo.*", "foobar", false),
                Arguments.of("!~", "foo.*", "bar", true),
                Arguments.of("!~", ".*", "", false),
                Arguments.of("!~", ".+", "", true),
                Arguments.of("!~", "", "", false));
    }

    @ParameterizedTest(name = "{0} \"{1}\" on \"{2}\" -> {3}")
    @MethodSource("semantics")
    void matchesLikePrometheus(String op, String pattern, String value, boolean expected) {
        Matcher m = Matcher.of(MatchType.fromSymbol(op), "l", pattern);
        assertThat(m.matches(value)).isEqualTo(expected);
        if (m.type().isRegex()) {
            boolean viaRegex = PromRegex.compile(pattern).matches(value);
            assertThat(m.type().isNegative() ? !viaRegex : viaRegex)
                    .as("fast path agrees with the regex engine")
                    .isEqualTo(expected);
        }
    }

    @Test
    void fastPathsAgreeWithRegexOnManyInputs() {
        List<String> patterns =
                List.of("foo", "a|b|c", "(a|b|aa)", "(?:x|y)", "foo.*", ".*", ".+", "", "a\\|b", "a\\.b|c\\+", "x|x|y");
        List<String> inputs = List.of(
                "", "a", "b", "c", "aa", "ab", "foo", "foobar", "fo", "x", "y", "a|b", "a.b", "c+", "\n", "foo\n");
        for (String p : patterns) {
            Matcher m = Matcher.regex("l", p);
            PromRegex re = PromRegex.compile(p);
            for (String in : inputs) {
                assertThat(m.matches(in)).as("%s on %s", p, in).isEqualTo(re.matches(in));
            }
        }
    }

    @Test
    void exposesSetMatchesAndPrefix() {
        assertThat(Matcher.regex("l", "a|b|a|c").setMatches()).containsExactly("a", "b", "c");
        assertThat(Matcher.regex("l", "(api\\.v1|web)").setMatches()).containsExactly("api.v1", "web");
        assertThat(Matcher.regex("l", "foo").setMatches()).containsExactly("foo");
        assertThat(Matcher.regex("l", "").setMatches()).containsExactly("");
        assertThat(Matcher.equal("l", "v").setMatches()).containsExactly("v");
        assertThat(Matcher.notEqual("l", "v").setMatches()).containsExactly("v");
        assertThat(Matcher.regex("l", "fo+").setMatches()).isEmpty();
        assertThat(Matcher.regex("l", "foo.*").prefix()).contains("foo");
        assertThat(Matcher.regex("l", ".*").prefix()).contains("");
        assertThat(Matcher.regex("l", "foo.+").prefix()).isEmpty();
        assertThat(Matcher.regex("l", "a|b").prefix()).isEmpty();
        assertThat(Matcher.equal("l", "foo.*").prefix()).isEmpty();
    }

    @Test
    void matchesEmptyTellsAboutAbsentLabels() {
        assertThat(Matcher.equal("l", "").matchesEmpty()).isTrue();
        assertThat(Matcher.notEqual("l", "").matchesEmpty()).isFalse();
        assertThat(Matcher.regex("l", ".*").matchesEmpty()).isTrue();
        assertThat(Matcher.regex("l", ".+").matchesEmpty()).isFalse();
        assertThat(Matcher.notRegex("l", "x").matchesEmpty()).isTrue();
    }

    @Test
    void matchesLabelsUsingEmptyForAbsent() {
        Labels ls = Labels.of("job", "api");
        assertThat(Matcher.equal("job", "api").matches(ls)).isTrue();
        assertThat(Matcher.equal("env", "").matches(ls)).isTrue();
        assertThat(Matcher.regex("env", "prod|").matches(ls)).isTrue();
    }

    @Test
    void printsAsPromql() {
        assertThat(Matcher.regex("job", "a\"b").toString()).isEqualTo("job=~\"a\\\"b\"");
        assertThat(Matcher.notEqual("service.name", "x").toString()).isEqualTo("\"service.name\"!=\"x\"");
        assertThat(Matcher.equal("a", "b")).isEqualTo(Matcher.of(MatchType.EQUAL, "a", "b"));
        assertThat(Matcher.equal("a", "b")).isNotEqualTo(Matcher.notEqual("a", "b"));
    }

    @Test
    void rejectsInvalidRegexNamingMatcher() {
        assertThatThrownBy(() -> Matcher.regex("job", "a(b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job=~")
                .hasMessageContaining("a(b");
        assertThatThrownBy(() -> Matcher.equal("", "x")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MatchType.fromSymbol("==")).hasMessageContaining("\"==\"");
    }
}
