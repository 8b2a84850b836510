package dev.vigil.promql.ast;

import java.nio.charset.StandardCharsets;

/**
 * Formats an expression over several indented lines the way Prometheus's {@code /api/v1/format_query} does: a node
 * whose canonical form ({@link Printer}) is longer than 100 bytes is split, its children going on their own lines,
 * indented two spaces per level; shorter nodes stay on one line. Stateless and thread-safe.
 *
 * <pre>{@code
 * String text = Prettier.format(ExpressionParser.parse(query));
 * }</pre>
 */
public final class Prettier {
    /** Prometheus's line budget, in bytes of UTF-8. */
    static final int MAX_LINE = 100;

    private static final String INDENT = "  ";

    private Prettier() {}

    public static String format(Expr expr) {
        return pretty(expr, 0);
    }

    private static String pretty(Expr e, int level) {
        if (e instanceof Aggregate a) {
            return aggregate(a, level);
        } else if (e instanceof Binary b) {
            return binary(b, level);
        } else if (e instanceof Call c) {
            return call(c, level);
        } else if (e instanceof Paren p) {
            return paren(p, level);
        } else if (e instanceof Subquery sq) {
            return subquery(sq, level);
        } else if (e instanceof Unary u) {
            // The child's own indentation is dropped: the operator carries it.
            return indent(level)
                    + (u.negate() ? '-' : '+')
                    + pretty(u.expr(), level).strip();
        }
        return indent(level) + e;
    }

    private static String aggregate(Aggregate a, int level) {
        String s = indent(level);
        if (!needsSplit(a)) {
            return s + a;
        }
        StringBuilder out = new StringBuilder(s);
        Printer.writeAggregatePrefix(out, a);
        out.append("(\n");
        if (a.param() != null) {
            out.append(pretty(a.param(), level + 1)).append(",\n");
        }
        return out.append(pretty(a.expr(), level + 1))
                .append('\n')
                .append(indent(level))
                .append(')')
                .toString();
    }

    private static String binary(Binary b, int level) {
        if (!needsSplit(b)) {
            return indent(level) + b;
        }
        StringBuilder out = new StringBuilder(pretty(b.lhs(), level + 1))
                .append('\n')
                .append(indent(level))
                .append(b.op().symbol());
        if (b.returnBool()) {
            out.append(" bool");
        }
        Printer.writeMatching(out, b.matching());
        return out.append('\n').append(pretty(b.rhs(), level + 1)).toString();
    }

    private static String call(Call c, int level) {
        String s = indent(level);
        if (!needsSplit(c)) {
            return s + c;
        }
        StringBuilder out = new StringBuilder(s).append(c.function().name()).append("(\n");
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) {
                out.append(",\n");
            }
            out.append(pretty(c.args().get(i), level + 1));
        }
        return out.append('\n').append(s).append(')').toString();
    }

    private static String paren(Paren p, int level) {
        String s = indent(level);
        if (!needsSplit(p)) {
            return s + p;
        }
        return s + "(\n" + pretty(p.expr(), level + 1) + "\n" + s + ")";
    }

    /** As in Prometheus, an unsplit subquery is not indented. */
    private static String subquery(Subquery sq, int level) {
        if (!needsSplit(sq)) {
            return sq.toString();
        }
        StringBuilder out = new StringBuilder(pretty(sq.expr(), level));
        Printer.writeSubquerySuffix(out, sq);
        return out.toString();
    }

    private static boolean needsSplit(Expr e) {
        return e.toString().getBytes(StandardCharsets.UTF_8).length > MAX_LINE;
    }

    private static String indent(int level) {
        return INDENT.repeat(level);
    }
}
