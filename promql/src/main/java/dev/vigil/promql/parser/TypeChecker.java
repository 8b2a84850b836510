package dev.vigil.promql.parser;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Cardinality;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.FunctionSignature;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorMatching;
import dev.vigil.promql.ast.VectorSelector;

/**
 * Checks a built AST against Prometheus's typing rules, children before parents, and throws the first violation
 * with Prometheus's wording and position. Stateless apart from the source text; one instance per parse.
 */
final class TypeChecker {
    private final SourceText source;

    TypeChecker(SourceText source) {
        this.source = source;
    }

    ValueType check(Expr expr) {
        if (expr instanceof Aggregate) {
            checkAggregate((Aggregate) expr);
        } else if (expr instanceof Binary) {
            checkBinary((Binary) expr);
        } else if (expr instanceof Call) {
            checkCall((Call) expr);
        } else if (expr instanceof Paren) {
            check(((Paren) expr).expr());
        } else if (expr instanceof Unary) {
            ValueType t = check(((Unary) expr).expr());
            if (t != ValueType.SCALAR && t != ValueType.INSTANT_VECTOR) {
                throw source.error(
                        expr.position().start(),
                        "unary expression only allowed on expressions of type scalar or instant vector, got \""
                                + t.documentedName() + "\"");
            }
        } else if (expr instanceof Subquery) {
            ValueType t = check(((Subquery) expr).expr());
            if (t != ValueType.INSTANT_VECTOR) {
                throw source.error(
                        expr.position().start(),
                        "subquery is only allowed on instant vector, got " + t.apiName() + " instead");
            }
        } else if (expr instanceof MatrixSelector) {
            checkSelector(((MatrixSelector) expr).selector(), false);
        } else if (expr instanceof VectorSelector) {
            checkSelector((VectorSelector) expr, false);
        } else if (!(expr instanceof NumberLiteral) && !(expr instanceof StringLiteral)) {
            throw new IllegalStateException("BUG: unknown expression type " + expr.getClass());
        }
        return expr.type();
    }

    private void expectType(Expr expr, ValueType want, String context) {
        ValueType t = check(expr);
        if (t != want) {
            throw source.error(
                    expr.position().start(),
                    "expected type " + want.documentedName() + " in " + context + ", got " + t.documentedName());
        }
    }

    private void checkAggregate(Aggregate a) {
        expectType(a.expr(), ValueType.INSTANT_VECTOR, "aggregation expression");
        if (a.op().hasParameter()) {
            expectType(a.param(), a.op().parameterType(), "aggregation parameter");
        }
    }

    private void checkBinary(Binary b) {
        ValueType lt = check(b.lhs());
        ValueType rt = check(b.rhs());
        VectorMatching vm = b.matching();
        if (b.returnBool() && !b.op().isComparison()) {
            throw source.error(operatorOffset(b), "bool modifier can only be used on comparison operators");
        }
        if (b.op().isComparison() && !b.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw source.error(operatorOffset(b), "comparisons between scalars must use BOOL modifier");
        }
        if (vm != null && vm.on()) {
            for (String label : vm.matchingLabels()) {
                if (vm.include().contains(label)) {
                    throw source.error(
                            operatorOffset(b),
                            "label " + Literals.quote(label) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.INSTANT_VECTOR) {
            throw source.error(
                    b.lhs().position().start(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.INSTANT_VECTOR) {
            throw source.error(
                    b.rhs().position().start(), "binary expression must contain only scalar and instant vector types");
        }
        boolean bothVectors = lt == ValueType.INSTANT_VECTOR && rt == ValueType.INSTANT_VECTOR;
        if (!bothVectors && vm != null && !vm.matchingLabels().isEmpty()) {
            throw source.error(b.position().start(), "vector matching only allowed between instant vectors");
        }
        if (!bothVectors && vm != null && vm.hasFill()) {
            throw source.error(b.position().start(), "filling in missing series only allowed between instant vectors");
        }
        if (bothVectors && b.op().isSetOperator() && vm.cardinality() != Cardinality.MANY_TO_MANY) {
            throw source.error(
                    b.position().start(), "no grouping allowed for " + Literals.quote(b.op().symbol()) + " operation");
        }
        if (bothVectors && b.op().isSetOperator() && vm.hasFill()) {
            throw source.error(b.position().start(), "filling in missing series not allowed for set operators");
        }
        if (!bothVectors && b.op().isSetOperator()) {
            throw source.error(
                    b.position().start(),
                    "set operator " + Literals.quote(b.op().symbol()) + " not allowed in binary scalar expression");
        }
    }

    /** Where the operator starts: the first non-space character after the left operand, as Prometheus reports. */
    private int operatorOffset(Binary b) {
        String text = source.text();
        int i = b.lhs().position().end();
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void checkCall(Call call) {
        FunctionSignature f = call.function();
        int n = call.args().size();
        String name = Literals.quote(f.name());
        if (f.variadic() == 0 && n != f.argTypes().size()) {
            throw source.error(
                    call.position().start(),
                    "expected " + f.argTypes().size() + " argument(s) in call to " + name + ", got " + n);
        }
        if (n < f.minArgs()) {
            throw source.error(
                    call.position().start(),
                    "expected at least " + f.minArgs() + " argument(s) in call to " + name + ", got " + n);
        }
        if (n > f.maxArgs()) {
            throw source.error(
                    call.position().start(),
                    "expected at most " + f.maxArgs() + " argument(s) in call to " + name + ", got " + n);
        }
        boolean infoLabelSelector = f.name().equals("info") && n > 1;
        if (infoLabelSelector) {
            checkInfoSelector(call);
        }
        for (int i = 0; i < n; i++) {
            Expr arg = call.args().get(i);
            ValueType t = infoLabelSelector && i == 1 ? checkSelector((VectorSelector) arg, true) : check(arg);
            if (t != f.argType(i)) {
                throw source.error(
                        arg.position().start(),
                        "expected type " + f.argType(i).documentedName() + " in call to function " + name + ", got "
                                + t.documentedName());
            }
        }
    }

    /** info()'s second argument selects labels of info series: a bare selector without metric name. */
    private void checkInfoSelector(Call call) {
        Expr selector = call.args().get(1);
        if (selector.type() != ValueType.INSTANT_VECTOR) {
            throw source.error(
                    call.position().start(),
                    "expected type instant vector in call to function \"info\", got "
                            + selector.type().documentedName());
        }
        if (!(selector instanceof VectorSelector)) {
            throw source.error(selector.position().start(), "expected label selectors only");
        }
        if (!((VectorSelector) selector).metricName().isEmpty()) {
            throw source.error(
                    selector.position().start(), "expected label selectors only, got vector selector instead");
        }
    }

    private ValueType checkSelector(VectorSelector vs, boolean allowEmptyMatchers) {
        if (!vs.metricName().isEmpty()) {
            for (LabelMatcher m : vs.matchers()) {
                if (m.name().equals(LabelMatcher.METRIC_NAME)) {
                    throw source.error(
                            vs.position().start(),
                            "metric name must not be set twice: " + Literals.quote(vs.metricName()) + " or "
                                    + Literals.quote(m.value()));
                }
            }
            return ValueType.INSTANT_VECTOR;
        }
        if (!allowEmptyMatchers && vs.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw source.error(vs.position().start(), "vector selector must contain at least one non-empty matcher");
        }
        return ValueType.INSTANT_VECTOR;
    }
}
