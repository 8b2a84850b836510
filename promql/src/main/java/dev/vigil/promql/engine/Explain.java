package dev.vigil.promql.engine;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.VectorSelector;

/**
 * An EXPLAIN-style plan of an expression: one line per evaluated node, children indented by two spaces, e.g.
 *
 * <pre>
 * Aggregate sum by (job)
 *   Call rate
 *     MatrixSelector http_requests_total[5m]
 * </pre>
 *
 * Parentheses are not evaluation steps and are left out. Stateless.
 */
public final class Explain {
    private Explain() {}

    public static String plan(Expr e) {
        StringBuilder out = new StringBuilder();
        append(out, e, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Expr e, int depth) {
        if (e instanceof Paren p) {
            append(out, p.expr(), depth);
            return;
        }
        out.append("  ".repeat(depth));
        if (e instanceof VectorSelector || e instanceof MatrixSelector) {
            out.append(e.getClass().getSimpleName()).append(' ').append(e).append('\n');
        } else if (e instanceof NumberLiteral || e instanceof StringLiteral) {
            out.append(e.getClass().getSimpleName()).append(' ').append(e).append('\n');
        } else if (e instanceof Subquery sq) {
            out.append("Subquery [")
                    .append(sq.range())
                    .append(':')
                    .append(sq.step().isZero() ? "default" : sq.step().toString())
                    .append("]\n");
            append(out, sq.expr(), depth + 1);
        } else if (e instanceof Call c) {
            out.append("Call ").append(c.function().name()).append('\n');
            c.args().forEach(a -> append(out, a, depth + 1));
        } else if (e instanceof Binary b) {
            out.append("BinaryExpr ").append(b.op().symbol());
            if (b.returnBool()) {
                out.append(" bool");
            }
            out.append('\n');
            append(out, b.lhs(), depth + 1);
            append(out, b.rhs(), depth + 1);
        } else if (e instanceof Aggregate a) {
            out.append("Aggregate ").append(a.op().keyword());
            if (!a.grouping().isEmpty() || a.without()) {
                out.append(a.without() ? " without (" : " by (")
                        .append(String.join(", ", a.grouping()))
                        .append(')');
            }
            out.append('\n');
            if (a.param() != null) {
                append(out, a.param(), depth + 1);
            }
            append(out, a.expr(), depth + 1);
        } else if (e instanceof Unary u) {
            out.append("Unary ").append(u.negate() ? '-' : '+').append('\n');
            append(out, u.expr(), depth + 1);
        }
    }
}
