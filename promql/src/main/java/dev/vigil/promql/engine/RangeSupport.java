package dev.vigil.promql.engine;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AggregateOp;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.BinaryOp;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether {@link RangeEvaluator} can evaluate an expression over all steps at once: the operators, aggregations
 * and functions that dashboards use most, and window functions over range selectors or over subqueries of such
 * expressions. Anything else (subqueries, {@code @}, sorting, {@code timestamp()}, ...) is
 * evaluated step by step by {@link Evaluator}, which still gets its supported subtrees ({@link #wholeRangeSubtrees})
 * evaluated over the whole range. Stateless.
 */
final class RangeSupport {
    /** Functions applied value by value: {@code f(v)} with optional scalar arguments. */
    static final Set<String> ELEMENTWISE = Set.of(
            "abs",
            "ceil",
            "floor",
            "exp",
            "sqrt",
            "ln",
            "log2",
            "log10",
            "sgn",
            "deg",
            "rad",
            "sin",
            "cos",
            "tan",
            "asin",
            "acos",
            "atan",
            "sinh",
            "cosh",
            "tanh",
            "asinh",
            "acosh",
            "atanh",
            "round",
            "clamp",
            "clamp_min",
            "clamp_max");

    private static final Set<AggregateOp> AGGREGATIONS = Set.of(
            AggregateOp.SUM,
            AggregateOp.AVG,
            AggregateOp.COUNT,
            AggregateOp.GROUP,
            AggregateOp.MIN,
            AggregateOp.MAX,
            AggregateOp.STDDEV,
            AggregateOp.STDVAR,
            AggregateOp.QUANTILE,
            AggregateOp.TOPK,
            AggregateOp.BOTTOMK);

    private RangeSupport() {}

    /** Whether the whole of {@code e}, a scalar or instant-vector expression, can be evaluated over all steps at once. */
    static boolean supports(Expr e) {
        if (e.type() == ValueType.SCALAR) {
            return scalar(e);
        }
        return e.type() == ValueType.INSTANT_VECTOR && vector(e);
    }

    /**
     * For a range query evaluated step by step: its largest subtrees that read storage and can be evaluated over the
     * whole range at once, so that the step-by-step evaluation only picks their value at each step. Subtrees inside a
     * subquery (evaluated at other times) and the argument of {@code timestamp()} (which needs the samples'
     * timestamps) are left out.
     */
    static List<Expr> wholeRangeSubtrees(Expr root) {
        List<Expr> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        if (e instanceof NumberLiteral || e instanceof StringLiteral || e instanceof Subquery) {
            return;
        }
        if (e instanceof MatrixSelector) {
            return; // its selector is no instant vector
        }
        if ((e.type() == ValueType.SCALAR || e.type() == ValueType.INSTANT_VECTOR) && supports(e) && readsStorage(e)) {
            out.add(e);
            return;
        }
        if (e instanceof Paren p) {
            collect(p.expr(), out);
        } else if (e instanceof Unary u) {
            collect(u.expr(), out);
        } else if (e instanceof Binary b) {
            collect(b.lhs(), out);
            collect(b.rhs(), out);
        } else if (e instanceof Aggregate a) {
            if (a.param() != null) {
                collect(a.param(), out);
            }
            collect(a.expr(), out);
        } else if (e instanceof Call c && !c.function().name().equals("timestamp")) {
            for (Expr arg : c.args()) {
                collect(arg, out);
            }
        }
    }

    private static boolean readsStorage(Expr e) {
        boolean[] found = {false};
        SelectorRanges.forEachSelector(e, vs -> found[0] = true);
        return found[0];
    }

    private static boolean scalar(Expr e) {
        if (e instanceof NumberLiteral) {
            return true;
        } else if (e instanceof Paren p) {
            return scalar(p.expr());
        } else if (e instanceof Unary u) {
            return scalar(u.expr());
        } else if (e instanceof Binary b) {
            return b.lhs().type() == ValueType.SCALAR
                    && b.rhs().type() == ValueType.SCALAR
                    && scalar(b.lhs())
                    && scalar(b.rhs());
        } else if (e instanceof Call c) {
            String name = c.function().name();
            return name.equals("time")
                    || name.equals("pi")
                    || (name.equals("scalar") && vector(c.args().get(0)));
        }
        return false;
    }

    private static boolean vector(Expr e) {
        if (e instanceof VectorSelector vs) {
            return selectable(vs);
        } else if (e instanceof Paren p) {
            return vector(p.expr());
        } else if (e instanceof Unary u) {
            return vector(u.expr());
        } else if (e instanceof Binary b) {
            if (b.op().kind() == BinaryOp.Kind.TRIM
                    || (b.matching() != null && b.matching().hasFill())) {
                return false;
            }
            return operand(b.lhs()) && operand(b.rhs());
        } else if (e instanceof Aggregate a) {
            return AGGREGATIONS.contains(a.op())
                    && vector(a.expr())
                    && (a.param() == null || (a.param().type() == ValueType.SCALAR && scalar(a.param())));
        } else if (e instanceof Call c) {
            return call(c);
        }
        return false;
    }

    private static boolean operand(Expr e) {
        return e.type() == ValueType.SCALAR ? scalar(e) : vector(e);
    }

    private static boolean call(Call c) {
        String name = c.function().name();
        WindowFunction window = WindowFunction.of(name);
        if (window != null) {
            Expr arg = unwrap(c.args().get(window.matrixArgument()));
            boolean selector = arg instanceof MatrixSelector ms && selectable(ms.selector());
            boolean subquery = arg instanceof Subquery sq && !sq.at().isPresent() && vector(sq.expr());
            if (!selector && !subquery) {
                return false;
            }
            for (int i = 0; i < c.args().size(); i++) {
                if (i != window.matrixArgument() && !scalar(c.args().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (ELEMENTWISE.contains(name)) {
            if (!vector(c.args().get(0))) {
                return false;
            }
            for (int i = 1; i < c.args().size(); i++) {
                if (!scalar(c.args().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (name.equals("histogram_quantile")) {
            return scalar(c.args().get(0)) && vector(c.args().get(1));
        }
        if (name.equals("label_replace") || name.equals("label_join")) {
            return vector(c.args().get(0));
        }
        return name.equals("vector") && scalar(c.args().get(0));
    }

    private static boolean selectable(VectorSelector vs) {
        return !vs.at().isPresent() && vs.rangeModifier() == RangeModifier.NONE;
    }

    static Expr unwrap(Expr e) {
        while (e instanceof Paren p) {
            e = p.expr();
        }
        return e;
    }
}
