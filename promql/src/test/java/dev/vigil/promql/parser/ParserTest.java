package dev.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AggregateOp;
import dev.vigil.promql.ast.AstNormalizer;
import dev.vigil.promql.ast.AtModifier;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.BinaryOp;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Cardinality;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.Functions;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatchType;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.PositionRange;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorMatching;
import dev.vigil.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid queries: their canonical printed form, their tree, operator precedence and round trips. */
class ParserTest {
    private static final PositionRange NONE = PositionRange.NONE;

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                // Literals.
                arguments("1", "1"),
                arguments("-2.43", "-2.43"),
                arguments("3.4e-9", "0.0000000034"),
                arguments("0x8f", "143"),
                arguments("0X_53_AB", "21419"),
                arguments("1_000_000", "1000000"),
                arguments(".123_456", "0.123456"),
                arguments("010", "8"),
                arguments("-Inf", "-Inf"),
                arguments("iNf", "+Inf"),
                arguments("NaN", "NaN"),
                arguments("1h30m", "1h30m"),
                arguments("54s321ms", "54s321ms"),
                arguments("-2h", "-2h"),
                arguments("\"double \\\"q\\\" \\n\"", "\"double \\\"q\\\" \\n\""),
                arguments("'single \\' \"'", "\"single ' \\\"\""),
                arguments("`raw \\n ' \"`", "\"raw \\\\n ' \\\"\""),
                arguments("\"\\x41\\101\\u00e9\\U0001F600\"", "\"AAé😀\""),
                // Selectors.
                arguments("foo", "foo"),
                arguments("foo{ b = \"2\", a=~\"x.*\" , }", "foo{a=~\"x.*\",b=\"2\"}"),
                arguments("{__name__=~\"job:.*\"}", "{__name__=~\"job:.*\"}"),
                // RE2 syntax that java.util.regex lacks or reads differently.
                arguments("foo{a=~\"(?P<n>x)[[:digit:]]+\"}", "foo{a=~\"(?P<n>x)[[:digit:]]+\"}"),
                arguments("{\"my.metric\", \"a.b\"=\"x\"}", "{\"a.b\"=\"x\",__name__=\"my.metric\"}"),
                arguments(
                        "foo{on=\"1\", sum=\"2\", by=\"3\", inf=\"4\"}", "foo{by=\"3\",inf=\"4\",on=\"1\",sum=\"2\"}"),
                arguments("job:rate5m:sum", "job:rate5m:sum"),
                arguments("sum", "sum"),
                arguments("sum{a=\"b\"} + by + offset", "sum{a=\"b\"} + by + offset"),
                arguments("foo offset 5m", "foo offset 5m"),
                arguments("foo offset -1w", "foo offset -1w"),
                arguments("foo offset 90", "foo offset 1m30s"),
                arguments("foo @ 1609746000", "foo @ 1609746000.000"),
                arguments("foo @ 1.5 offset 5m", "foo @ 1.500 offset 5m"),
                arguments("foo offset 5m @ -100", "foo @ -100.000 offset 5m"),
                arguments("foo @ start()", "foo @ start()"),
                arguments("foo @ end() offset 1h", "foo @ end() offset 1h"),
                arguments("foo[5m]", "foo[5m]"),
                arguments("foo[300]", "foo[5m]"),
                arguments("foo[1.5]", "foo[1s500ms]"),
                arguments("foo[1h30m] offset 1d @ 10", "foo[1h30m] @ 10.000 offset 1d"),
                arguments("foo[8d]", "foo[1w1d]"),
                arguments("foo[365d]", "foo[1y]"),
                // Subqueries.
                arguments("foo[5m:]", "foo[5m:]"),
                arguments("rate(foo[1m])[1h:5m] offset 1d", "rate(foo[1m])[1h:5m] offset 1d"),
                arguments("(foo + bar)[5m:1m] @ end()", "(foo + bar)[5m:1m] @ end()"),
                arguments("min_over_time(rate(foo[1m])[5m:])[10m:30s]", "min_over_time(rate(foo[1m])[5m:])[10m:30s]"),
                // Operators.
                arguments("a+b*c", "a + b * c"),
                arguments("a > bool 1", "a > bool 1"),
                arguments("1 == bool 1", "1 == bool 1"),
                arguments("a + on(x, y) b", "a + on (x, y) b"),
                arguments("a + ignoring(x) group_left b", "a + ignoring (x) group_left () b"),
                arguments("a * on(x) group_right(y, \"z.w\") b", "a * on (x) group_right (y, \"z.w\") b"),
                arguments("a and ignoring() b", "a and b"),
                arguments("a AND b OR c UNLESS d", "a and b or c unless d"),
                arguments("a atan2 b", "a atan2 b"),
                arguments("h </ 0.5", "h </ 0.5"),
                arguments("1 + 2 * -3", "1 + 2 * -3"),
                arguments("- - 1", "1"),
                arguments("+foo", "+foo"),
                arguments("time() - 5m", "time() - 5m"),
                // Aggregations and calls.
                arguments("sum by (job) (rate(x{a=\"b\"}[5m]))", "sum by (job) (rate(x{a=\"b\"}[5m]))"),
                arguments("sum(rate(x[5m])) by (job, \"a.b\")", "sum by (job, \"a.b\") (rate(x[5m]))"),
                arguments("SUM WITHOUT (instance) (x)", "sum without (instance) (x)"),
                arguments("sum without () (x)", "sum without () (x)"),
                arguments("avg by (on, by, sum) (x)", "avg by (on, by, sum) (x)"),
                arguments("topk(3, x)", "topk(3, x)"),
                arguments("quantile(0.9, x) by (le)", "quantile by (le) (0.9, x)"),
                arguments("count_values(\"v\", x)", "count_values(\"v\", x)"),
                arguments(
                        "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")",
                        "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")"),
                arguments(
                        "label_join(up, \"a\", \",\", \"b\", \"c\", \"d\")",
                        "label_join(up, \"a\", \",\", \"b\", \"c\", \"d\")"),
                arguments("day_of_week()", "day_of_week()"),
                arguments("round(x, 0.5)", "round(x, 0.5)"),
                arguments(
                        "histogram_quantile(0.9, sum by (le) (rate(b[5m])))",
                        "histogram_quantile(0.9, sum by (le) (rate(b[5m])))"),
                arguments("vector(1) # trailing comment", "vector(1)"),
                arguments("((foo))", "((foo))"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("canonicalForms")
    void printsCanonicalForm(String query, String canonical) {
        Expr expr = ExpressionParser.parse(query);
        assertThat(expr.toString()).isEqualTo(canonical);
        Expr reparsed = ExpressionParser.parse(canonical);
        assertThat(AstNormalizer.withoutPositions(reparsed)).isEqualTo(AstNormalizer.withoutPositions(expr));
    }

    @Test
    void powerBindsTighterThanUnaryMinus() {
        Expr e = structure("-2^2");
        assertThat(e).isEqualTo(new Unary(true, binary(BinaryOp.POW, num(2), num(2)), NONE));
    }

    @Test
    void unaryMinusBindsTighterThanMultiplication() {
        assertThat(structure("-a * b")).isEqualTo(binary(BinaryOp.MUL, new Unary(true, sel("a"), NONE), sel("b")));
    }

    @Test
    void powerIsRightAssociative() {
        assertThat(structure("2 ^ 3 ^ 2"))
                .isEqualTo(binary(BinaryOp.POW, num(2), binary(BinaryOp.POW, num(3), num(2))));
        assertThat(structure("2 ^ -1 * 3"))
                .isEqualTo(binary(BinaryOp.MUL, binary(BinaryOp.POW, num(2), num(-1)), num(3)));
    }

    @Test
    void otherOperatorsAreLeftAssociative() {
        assertThat(structure("a - b - c"))
                .isEqualTo(binary(BinaryOp.SUB, binary(BinaryOp.SUB, sel("a"), sel("b")), sel("c")));
        assertThat(structure("a / b % c"))
                .isEqualTo(binary(BinaryOp.MOD, binary(BinaryOp.DIV, sel("a"), sel("b")), sel("c")));
    }

    @Test
    void precedenceLevelsFromLowestToHighest() {
        // or < and/unless < comparison < + - < * / % atan2 < ^
        Expr e = structure("a or b and c == d + e * f ^ g");
        Expr power = binary(BinaryOp.POW, sel("f"), sel("g"));
        Expr product = binary(BinaryOp.MUL, sel("e"), power);
        Expr sum = binary(BinaryOp.ADD, sel("d"), product);
        Expr comparison = binary(BinaryOp.EQL, sel("c"), sum);
        Expr and = new Binary(BinaryOp.AND, sel("b"), comparison, false, setMatching(), NONE);
        assertThat(e).isEqualTo(new Binary(BinaryOp.OR, sel("a"), and, false, setMatching(), NONE));
        assertThat(structure("a unless b and c"))
                .isEqualTo(new Binary(
                        BinaryOp.AND,
                        new Binary(BinaryOp.UNLESS, sel("a"), sel("b"), false, setMatching(), NONE),
                        sel("c"),
                        false,
                        setMatching(),
                        NONE));
        assertThat(structure("a atan2 b + c"))
                .isEqualTo(binary(BinaryOp.ADD, binary(BinaryOp.ATAN2, sel("a"), sel("b")), sel("c")));
    }

    @Test
    void modifiersBindToTheClosestOperand() {
        Expr offsetB = new VectorSelector("b", List.of(), Duration.ofMinutes(5), AtModifier.NONE, NONE);
        assertThat(structure("a + b offset 5m")).isEqualTo(binary(BinaryOp.ADD, sel("a"), offsetB));
        assertThat(structure("-b offset 5m")).isEqualTo(new Unary(true, offsetB, NONE));
        Expr range = new MatrixSelector((VectorSelector) sel("b"), Duration.ofMinutes(5), NONE);
        // The subquery binds before the unary minus, which then rejects its range vector operand.
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(
                                ParseException.class, () -> ExpressionParser.parse("-b[5m:]"))
                        .reason())
                .endsWith("got \"range vector\"");
        assertThat(structure("rate(b[5m])"))
                .isEqualTo(new Call(Functions.get("rate").orElseThrow(), List.of(range), NONE));
    }

    @Test
    void buildsFullSelectorAndModifiers() {
        Expr e = structure("foo{a=\"b\", c!~\"d|e\"}[5m] offset -1m @ 1.2345");
        VectorSelector vs = new VectorSelector(
                "foo",
                List.of(new LabelMatcher(MatchType.EQUAL, "a", "b"), new LabelMatcher(MatchType.NOT_REGEX, "c", "d|e")),
                Duration.ofMinutes(-1),
                AtModifier.at(1235),
                NONE);
        assertThat(e).isEqualTo(new MatrixSelector(vs, Duration.ofMinutes(5), NONE));
        assertThat(vs.allMatchers()).last().isEqualTo(new LabelMatcher(MatchType.EQUAL, "__name__", "foo"));
        assertThat(e.type()).isEqualTo(ValueType.RANGE_VECTOR);
    }

    @Test
    void buildsVectorMatching() {
        Binary b = (Binary) structure("a / on(x) group_left(y) b");
        assertThat(b.matching())
                .isEqualTo(new VectorMatching(Cardinality.MANY_TO_ONE, true, List.of("x"), List.of("y")));
        Binary scalar = (Binary) structure("a / 2");
        assertThat(scalar.matching()).isNull();
        assertThat(scalar.type()).isEqualTo(ValueType.INSTANT_VECTOR);
        assertThat(((Binary) structure("1 < bool 2")).returnBool()).isTrue();
        assertThat(structure("1 < bool 2").type()).isEqualTo(ValueType.SCALAR);
    }

    @Test
    void buildsAggregations() {
        Aggregate a = (Aggregate) structure("topk without (job) (5, x)");
        assertThat(a).isEqualTo(new Aggregate(AggregateOp.TOPK, sel("x"), num(5), List.of("job"), true, NONE));
        Aggregate cv = (Aggregate) structure("count_values by (a) (\"v\", x)");
        assertThat(cv.param()).isEqualTo(new StringLiteral("v", NONE));
        assertThat(cv.grouping()).containsExactly("a");
    }

    @Test
    void recordsSourcePositions() {
        String q = "sum by (job) (rate(http_requests_total{code=\"500\"}[5m] offset 1h))";
        Aggregate sum = (Aggregate) ExpressionParser.parse(q);
        assertThat(sum.position()).isEqualTo(new PositionRange(0, q.length()));
        Call rate = (Call) sum.expr();
        assertThat(rate.position()).isEqualTo(new PositionRange(14, q.length() - 1));
        MatrixSelector ms = (MatrixSelector) rate.args().get(0);
        assertThat(q.substring(ms.position().start(), ms.position().end()))
                .isEqualTo("http_requests_total{code=\"500\"}[5m] offset 1h");
        Paren p = (Paren) ExpressionParser.parse("  (1)  ");
        assertThat(p.position()).isEqualTo(new PositionRange(2, 5));
        NumberLiteral n = (NumberLiteral) ExpressionParser.parse("- 5m");
        assertThat(n).isEqualTo(new NumberLiteral(-300, true, new PositionRange(0, 4)));
    }

    @Test
    void positionsAreCharOffsetsEvenAfterSupplementaryCharacters() {
        String q = "foo{a=\"😀\"} + bar{b=c}";
        ParseException e =
                org.junit.jupiter.api.Assertions.assertThrows(ParseException.class, () -> ExpressionParser.parse(q));
        assertThat(e.offset()).isEqualTo(q.indexOf("c}"));
    }

    private static Expr structure(String query) {
        return AstNormalizer.withoutPositions(ExpressionParser.parse(query));
    }

    private static Expr sel(String name) {
        return new VectorSelector(name, List.of(), Duration.ZERO, AtModifier.NONE, NONE);
    }

    private static Expr num(double v) {
        return new NumberLiteral(v, NONE);
    }

    private static VectorMatching setMatching() {
        return VectorMatching.DEFAULT.withCardinality(Cardinality.MANY_TO_MANY);
    }

    private static Expr binary(BinaryOp op, Expr lhs, Expr rhs) {
        boolean vectors = lhs.type() == ValueType.INSTANT_VECTOR && rhs.type() == ValueType.INSTANT_VECTOR;
        return new Binary(op, lhs, rhs, false, vectors ? VectorMatching.DEFAULT : null, NONE);
    }
}
