package dev.vigil.model.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromRegexTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "a\\1|backreferences",
                "(a)\\9|backreferences",
                "a(?=b)|lookaround",
                "a(?!b)|lookaround",
                "(?<=a)b|lookaround",
                "(?<!a)b|lookaround",
                "(?>ab)|atomic",
                "a*+|possessive",
                "a++|possessive",
                "a{2}+|possessive",
                "a**|nested",
                "(?x)a|flag 'x'",
                "a\\Z|escape sequence \\Z",
                "\\C|escape sequence \\C",
                "\\e|escape sequence \\e",
                "[[:foo:]]|[:foo:]",
                "a\\|trailing backslash",
                "[ab|missing closing ]",
                "(?P<a>x)(?P<a>y)|duplicate group name",
                "a(b|invalid regex",
            })
    void rejectsWhatRe2Rejects(String regex, String message) {
        assertThatThrownBy(() -> PromRegex.compile(regex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining(regex);
    }

    @Test
    void syntaxErrorsSayWhatAndWhereApartFromTheMessage() {
        assertThatThrownBy(() -> PromRegex.compile("ab(?=c)"))
                .isInstanceOfSatisfying(PromRegex.SyntaxError.class, e -> {
                    assertThat(e.problem()).isEqualTo("lookaround assertions are not supported");
                    assertThat(e.index()).isEqualTo(2);
                });
        // Found by java.util.regex, whose index points into the translated pattern: no index.
        assertThatThrownBy(() -> PromRegex.compile("a(b")).isInstanceOfSatisfying(PromRegex.SyntaxError.class, e -> {
            assertThat(e.problem()).isEqualTo("Unclosed group");
            assertThat(e.index()).isEqualTo(-1);
            assertThat(e.getCause()).isInstanceOf(java.util.regex.PatternSyntaxException.class);
        });
    }

    @Test
    void namedGroupsKeepTheirNumbers() {
        PromRegex re = PromRegex.compile("(a)(?P<host_name>[^:]+):(?<port>\\d+)");
        assertThat(re.groupNames()).containsEntry("host_name", 2).containsEntry("port", 3);
        java.util.regex.Matcher m = re.pattern().matcher("ahost:80");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2)).isEqualTo("host");
        assertThat(m.group(3)).isEqualTo("80");
    }

    /** RE2's (?U) swaps greedy and lazy repetition until its group ends; group captures show the difference. */
    @ParameterizedTest(name = "{0} on {1} captures {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "(a+)(a*)|aaa|aaa",
                "(?U)(a+)(a*)|aaa|a",
                "(?U)(a+?)(a*)|aaa|aaa",
                "(?U:(a+))(a*)|aaa|a",
                "((?U)a+)(a*)|aaa|a",
                "((?U)a)(a+)(a*)|aaaa|a",
                "(?iU)(A+)(a*)|aaa|a",
                "(?U)(?-U)(a+)(a*)|aaa|aaa",
                "(?U)(?i:(A+))(a*)|aaa|a",
            })
    void ungreedyFlagSwapsRepetition(String regex, String input, String firstGroup) {
        java.util.regex.Matcher m = PromRegex.compile(regex).pattern().matcher(input);
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo(firstGroup);
    }

    @Test
    void ungreedyFlagEndsWithItsGroup() {
        java.util.regex.Matcher m =
                PromRegex.compile("((?U)a+)(a+)(a*)").pattern().matcher("aaaa");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(1)).isEqualTo("a");
        assertThat(m.group(2)).isEqualTo("aaa");
    }

    @Test
    void lazyQuantifiersAreAllowed() {
        assertThat(PromRegex.compile("a+?b").matches("aab")).isTrue();
        assertThat(PromRegex.compile("a{1,2}?b").matches("ab")).isTrue();
    }

    @Test
    void isAnchored() {
        assertThat(PromRegex.compile("b").matches("abc")).isFalse();
        assertThat(PromRegex.compile("a|bc").matches("abc")).isFalse();
        assertThat(PromRegex.compile("a$").matches("a\n")).isFalse();
    }
}
