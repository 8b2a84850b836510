package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed queries: each must fail with Prometheus's message at Prometheus's position (0-based char offset). */
class ParseErrorTest {

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                // Lexical errors.
                arguments("", 0, "no expression found in input"),
                arguments("# just a comment\n\n", 0, "no expression found in input"),
                arguments(".", 0, "unexpected character: '.'"),
                arguments("2.5.", 0, "bad number or duration syntax: \"2.5.\""),
                arguments("0deadbeef", 0, "bad number or duration syntax: \"0de\""),
                arguments("100..4", 0, "bad number or duration syntax: \"100..\""),
                arguments("foo[5mm]", 4, "bad number or duration syntax: \"5mm\""),
                arguments("foo[5m:1m1]", 7, "bad number or duration syntax: \"1m1\""),
                arguments("some_metric[5m] OFFSET 1mm", 23, "bad number or duration syntax: \"1mm\""),
                arguments("1 !~ 1", 2, "unexpected character after '!': '~'"),
                arguments("1 =~ 1", 2, "unexpected character after '=': '~'"),
                arguments("foo $ bar", 4, "unexpected character: '$'"),
                arguments("(1))", 4, "unexpected right parenthesis ')'"),
                arguments("((1)", 4, "unclosed left parenthesis"),
                arguments("sum(rate(", 9, "unclosed left parenthesis"),
                arguments("}", 0, "unexpected character: '}'"),
                arguments("some{", 5, "unexpected end of input inside braces"),
                arguments("some_metric{a:b=\"b\"}", 13, "unexpected character inside braces: ':'"),
                arguments("foo{a*\"b\"}", 5, "unexpected character inside braces: '*'"),
                arguments("foo{1}", 4, "unexpected character inside braces: '1'"),
                arguments("sum by (\"foo)(some_metric{})", 8, "unterminated quoted string"),
                arguments("`\\``", 3, "unterminated raw string"),
                arguments("\"\\c\"", 0, "unknown escape sequence U+0063 'c'"),
                arguments("\"\\x.\"", 0, "illegal character U+002E '.' in escape sequence"),
                arguments("\"\\U00110000\"", 0, "escape sequence is an invalid Unicode code point"),
                arguments("foo{bar=\"baz\"}[", 15, "unexpected end of input in duration expression"),
                // Syntax errors.
                arguments("1+", 2, "unexpected end of input"),
                arguments("foo{a=\"é\"} +", 12, "unexpected end of input"),
                arguments("*1", 0, "unexpected <op:*>"),
                arguments("@", 0, "unexpected <op:@>"),
                arguments("-=", 1, "unexpected \"=\""),
                arguments("a - on(b) ignoring(c) d", 10, "unexpected <ignoring>"),
                arguments("foo + group_left(baz) bar", 6, "unexpected <group_left>"),
                arguments("some_metric{a=b}", 14, "unexpected identifier \"b\" in label matching, expected string"),
                arguments("foo{gibberish}", 13, "unexpected \"}\" in label matching, expected label matching operator"),
                arguments("foo{,}", 4, "unexpected \",\" in label matching, expected identifier or \"}\""),
                arguments(
                        "foo{__name__=\"bar\" lol}",
                        19,
                        "unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""),
                arguments("foo{__name__ == \"bar\"}", 14, "unexpected \"=\" in label matching, expected string"),
                arguments("sum without(,)(some_metric)", 12, "unexpected \",\" in grouping opts, expected label"),
                arguments(
                        "sum (some_metric) by test",
                        21,
                        "unexpected identifier \"test\" in grouping opts, expected \"(\""),
                arguments("sum some_metric by (test)", 4, "unexpected identifier \"some_metric\""),
                arguments("sum (some_metric) without (test) by (test)", 33, "unexpected <by>"),
                arguments("some_metric[5m] @", 17, "unexpected end of input in @, expected timestamp"),
                arguments(
                        "some_metric[5m] OFFSET",
                        22,
                        "unexpected end of input in offset, expected number, duration, step(), or range()"),
                arguments(
                        "foo[]",
                        4,
                        "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or"
                                + " range()"),
                arguments(
                        "foo[5m:1m 1m]",
                        10,
                        "unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\""),
                // Literal values.
                arguments("foo[5m1]", 4, "bad number or duration syntax: \"5m1\""),
                arguments("foo[5y1hs]", 4, "unknown unit \"hs\" in duration \"5y1hs\""),
                arguments("foo[5m1h]", 4, "not a valid duration string: \"5m1h\""),
                arguments("foo[0m]", 4, "duration must be greater than 0"),
                arguments("foo[-1]", 4, "duration must be greater than 0"),
                arguments("foo[5m:0s]", 7, "duration must be greater than 0"),
                arguments("foo[9.5e10]", 4, "duration out of range"),
                arguments("foo offset 9.5e10", 11, "duration out of range"),
                arguments(
                        "1e400", 0, "error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range"),
                arguments("foo{a=~\"(.*\"}", 4, "error parsing regexp: missing closing ): `(.*`"),
                arguments("foo{a=~\"a)\"}", 4, "error parsing regexp: unexpected ): `a)`"),
                arguments("foo{a!~\"x[a-z\"}", 4, "error parsing regexp: missing closing ]: `[a-z`"),
                arguments("foo{a=~\"*\"}", 4, "error parsing regexp: missing argument to repetition operator: `*`"),
                // Java syntax that RE2 lacks.
                arguments("foo{a=~\"a(?=b)\"}", 4, "error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
                arguments("foo{a=~\"(a)\\\\1\"}", 4, "error parsing regexp: invalid escape sequence: `\\1`"),
                // Modifier placement.
                arguments(
                        "1 offset 1d",
                        0,
                        "offset modifier must be preceded by an instant vector selector or range"
                                + " vector selector or a subquery"),
                arguments("foo offset 1s offset 2s", 0, "offset may not be set multiple times"),
                arguments("foo @ 1 @ 2", 0, "@ <timestamp> may not be set multiple times"),
                arguments("some_metric OFFSET 1m[5m]", 21, "no offset modifiers allowed before range"),
                arguments("some_metric @ start() [5m]", 22, "no @ modifiers allowed before range"),
                arguments("(foo + bar)[5m]", 11, "ranges only allowed for vector selectors"),
                arguments("rate(food[1m])[1h] offset 1h", 14, "ranges only allowed for vector selectors"),
                arguments(
                        "rate(some_metric[5m]) @ 1234",
                        0,
                        "@ modifier must be preceded by an instant vector"
                                + " selector or range vector selector or a subquery"),
                arguments("foo @ +Inf", 0, "timestamp out of bounds for @ modifier: +Inf"),
                arguments("foo @ NaN", 0, "timestamp out of bounds for @ modifier: NaN"),
                // Selectors.
                arguments("{}", 0, "vector selector must contain at least one non-empty matcher"),
                arguments("{x=\"\"}", 0, "vector selector must contain at least one non-empty matcher"),
                arguments("{x=~\".*\"}", 0, "vector selector must contain at least one non-empty matcher"),
                arguments("{x!=\"a\"}", 0, "vector selector must contain at least one non-empty matcher"),
                arguments("foo{__name__=\"bar\"}", 0, "metric name must not be set twice: \"foo\" or \"bar\""),
                arguments("foo{\"bar\"}", 0, "metric name must not be set twice: \"foo\" or \"bar\""),
                // Types.
                arguments("1 == 1", 2, "comparisons between scalars must use BOOL modifier"),
                arguments("foo + bool bar", 4, "bool modifier can only be used on comparison operators"),
                arguments("1 and 1", 0, "set operator \"and\" not allowed in binary scalar expression"),
                arguments("foo unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"),
                arguments("1 or on(bar) foo", 0, "vector matching only allowed between instant vectors"),
                arguments("foo and on(bar) group_left(baz) bar", 0, "no grouping allowed for \"and\" operation"),
                arguments(
                        "a + on(instance) group_left(job,instance) b",
                        2,
                        "label \"instance\" must not occur in ON and GROUP clause at once"),
                arguments("foo[5m] + 1", 0, "binary expression must contain only scalar and instant vector types"),
                arguments(
                        "-\"string\"",
                        0,
                        "unary expression only allowed on expressions of type scalar or instant"
                                + " vector, got \"string\""),
                arguments(
                        "-test[5m]",
                        0,
                        "unary expression only allowed on expressions of type scalar or instant"
                                + " vector, got \"range vector\""),
                arguments(
                        "test[5d] OFFSET 10s [10m:5s]",
                        0,
                        "subquery is only allowed on instant vector, got matrix" + " instead"),
                // Aggregations and functions.
                arguments("sum () by (test)", 0, "no arguments for aggregate expression provided"),
                arguments(
                        "topk(some_metric)",
                        0,
                        "wrong number of arguments for aggregate expression provided," + " expected 2, got 1"),
                arguments("topk(some_metric,)", 16, "trailing commas not allowed in function call args"),
                arguments(
                        "topk(some_metric, other_metric)",
                        5,
                        "expected type scalar in aggregation parameter, got" + " instant vector"),
                arguments(
                        "count_values(5, other_metric)",
                        13,
                        "expected type string in aggregation parameter, got" + " scalar"),
                arguments(
                        "sum(foo[5m])",
                        4,
                        "expected type instant vector in aggregation expression, got range" + " vector"),
                arguments("floor()", 0, "expected 1 argument(s) in call to \"floor\", got 0"),
                arguments("floor(1)", 6, "expected type instant vector in call to function \"floor\", got scalar"),
                arguments("hour(a, b, c)", 0, "expected at most 1 argument(s) in call to \"hour\", got 3"),
                arguments(
                        "label_join(a, \"b\")",
                        0,
                        "expected at least 3 argument(s) in call to \"label_join\"," + " got 2"),
                arguments(
                        "non_existent_function_far_bar()",
                        0,
                        "unknown function with name" + " \"non_existent_function_far_bar\""),
                arguments(
                        "rate(some_metric)",
                        5,
                        "expected type range vector in call to function \"rate\", got" + " instant vector"),
                arguments("a>b()", 2, "unknown function with name \"b\""),
                arguments(
                        "limitk(1, x)",
                        0,
                        "limitk() is experimental and must be enabled with"
                                + " --enable-feature=promql-experimental-functions"),
                arguments("sort_by_label(x, \"a\")", 0, "function \"sort_by_label\" is not enabled"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedQueries")
    void reportsPrometheusMessageAndPosition(String query, int offset, String reason) {
        assertThatThrownBy(() -> ExpressionParser.parse(query)).isInstanceOfSatisfying(ParseException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offset()).as("offset").isEqualTo(offset);
        });
    }

    @Test
    void messageCarriesLineAndColumnLikePrometheus() {
        assertThatThrownBy(() -> ExpressionParser.parse("sum(rate(x[5m])) by (job) +"))
                .hasMessage("1:28: parse error: unexpected end of input");
        assertThatThrownBy(() -> ExpressionParser.parse("foo\n  + bar{a=b}"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(11);
                    assertThat(e.getMessage())
                            .isEqualTo("2:11: parse error: unexpected identifier \"b\" in label matching, expected"
                                    + " string");
                });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {"foo[5m * 2] | 4", "foo offset (1h) | 12", "foo[step()] | 4"})
    void durationExpressionsCanBeSwitchedOffAsBeforePrometheus314(String query, int offset) {
        ParserOptions without = new ParserOptions(false, false, false, false);
        assertThat(ExpressionParser.parse(query).toString()).isEqualTo(query);
        assertThatThrownBy(() -> ExpressionParser.parse(query, without))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.reason()).isEqualTo("experimental duration expression is not enabled");
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void columnsCountUtf8BytesAsPrometheusDoes() {
        assertThatThrownBy(() -> ExpressionParser.parse("foo{a=\"é\"} +"))
                .isInstanceOfSatisfying(ParseException.class, e -> {
                    assertThat(e.offset()).isEqualTo(12);
                    assertThat(e.getMessage()).isEqualTo("1:14: parse error: unexpected end of input");
                });
    }

    @Test
    void experimentalFeaturesAreAcceptedWhenEnabled() {
        assertThat(ExpressionParser.parse("limitk(1, x)", ParserOptions.ALL_FEATURES))
                .hasToString("limitk(1, x)");
        assertThat(ExpressionParser.parse("sort_by_label(x, \"a\", \"b\")", ParserOptions.ALL_FEATURES))
                .hasToString("sort_by_label(x, \"a\", \"b\")");
    }

    @Test
    void infoTakesALabelSelectorWithoutMetricName() {
        assertThat(ExpressionParser.parse("info(rate(x[5m]), {k8s_cluster_name=~\".*\"})", ParserOptions.ALL_FEATURES))
                .hasToString("info(rate(x[5m]), {k8s_cluster_name=~\".*\"})");
        assertThatThrownBy(() -> ExpressionParser.parse(
                        "info(rate(x[5m]), target_info{foo=\"bar\"})", ParserOptions.ALL_FEATURES))
                .hasMessage("1:19: parse error: expected label selectors only, got vector selector instead");
        assertThatThrownBy(() -> ExpressionParser.parse("info(x, {foo=\"bar\"} == 1)", ParserOptions.ALL_FEATURES))
                .hasMessage("1:9: parse error: expected label selectors only");
    }
}
