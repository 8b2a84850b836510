package dev.vigil.promql.engine;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.Printer;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.VectorSelector;
import java.util.function.Function;

/**
 * An EXPLAIN-style plan of an expression: one line per evaluated node, children indented by two spaces, e.g.
 *
 * <pre>
 * Aggregate sum by (job)
 *   Call rate
 *     MatrixSelector http_requests_total[5m]
 * </pre>
 *
 * Parentheses are not evaluation steps and are left out. {@link Engine#explain} adds how a query would be evaluated.
 * Stateless.
 */
public final class Explain {
    private Explain() {}

    public static String plan(Expr e) {
        return plan(e, x -> "");
    }

    /** The plan with {@code note}'s text (empty for none) appended to each node's line after two spaces. */
    static String plan(Expr e, Function<Expr, String> note) {
        StringBuilder out = new StringBuilder();
        append(out, e, 0, note);
        return out.toString();
    }

    private static void append(StringBuilder out, Expr e, int depth, Function<Expr, String> note) {
        if (e instanceof Paren p) {
            append(out, p.expr(), depth, note);
            return;
        }
        int lineStart = out.length();
        out.append("  ".repeat(depth));
        if (e instanceof VectorSelector
                || e instanceof MatrixSelector
                || e instanceof NumberLiteral
                || e instanceof StringLiteral) {
            out.append(e.getClass().getSimpleName()).append(' ').append(e).append('\n');
            note(out, lineStart, note.apply(e));
        } else if (e instanceof Subquery sq) {
            out.append("Subquery [")
                    .append(sq.rangeExpr() == null ? Printer.formatDuration(sq.range()) : Printer.print(sq.rangeExpr()))
                    .append(':');
            if (sq.stepExpr() != null) {
                out.append(Printer.print(sq.stepExpr()));
            } else {
                out.append(sq.step().isZero() ? "default" : Printer.formatDuration(sq.step()));
            }
            out.append("]\n");
            note(out, lineStart, note.apply(e));
            append(out, sq.expr(), depth + 1, note);
        } else if (e instanceof Call c) {
            out.append("Call ").append(c.function().name()).append('\n');
            note(out, lineStart, note.apply(e));
            c.args().forEach(a -> append(out, a, depth + 1, note));
        } else if (e instanceof Binary b) {
            out.append("BinaryExpr ").append(b.op().symbol());
            if (b.returnBool()) {
                out.append(" bool");
            }
            out.append('\n');
            note(out, lineStart, note.apply(e));
            append(out, b.lhs(), depth + 1, note);
            append(out, b.rhs(), depth + 1, note);
        } else if (e instanceof Aggregate a) {
            out.append("Aggregate ").append(a.op().keyword());
            if (!a.grouping().isEmpty() || a.without()) {
                out.append(a.without() ? " without (" : " by (")
                        .append(String.join(", ", a.grouping()))
                        .append(')');
            }
            out.append('\n');
            note(out, lineStart, note.apply(e));
            if (a.param() != null) {
                append(out, a.param(), depth + 1, note);
            }
            append(out, a.expr(), depth + 1, note);
        } else if (e instanceof Unary u) {
            out.append("Unary ").append(u.negate() ? '-' : '+').append('\n');
            note(out, lineStart, note.apply(e));
            append(out, u.expr(), depth + 1, note);
        }
    }

    /** Inserts {@code text} before the newline ending the line that starts at {@code lineStart}. */
    private static void note(StringBuilder out, int lineStart, String text) {
        if (!text.isEmpty()) {
            out.insert(out.indexOf("\n", lineStart), "  " + text);
        }
    }
}
