package dev.vigil.promql.ast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reduces a tree to its structure: every position becomes {@link PositionRange#NONE} and selector matchers are
 * sorted the way {@link Printer} prints them. Two queries that differ only in spacing, comments or matcher order
 * normalize to equal trees. Stateless and thread-safe.
 */
public final class AstNormalizer {
    private static final PositionRange NONE = PositionRange.NONE;
    private static final Comparator<LabelMatcher> PRINTED_ORDER = Comparator.comparing(LabelMatcher::toString);

    private AstNormalizer() {}

    public static Expr withoutPositions(Expr expr) {
        if (expr instanceof NumberLiteral) {
            NumberLiteral n = (NumberLiteral) expr;
            return new NumberLiteral(n.value(), n.duration(), NONE);
        } else if (expr instanceof StringLiteral) {
            return new StringLiteral(((StringLiteral) expr).value(), NONE);
        } else if (expr instanceof VectorSelector) {
            return selector((VectorSelector) expr);
        } else if (expr instanceof MatrixSelector) {
            MatrixSelector m = (MatrixSelector) expr;
            return new MatrixSelector(selector(m.selector()), m.range(), duration(m.rangeExpr()), NONE);
        } else if (expr instanceof Subquery) {
            Subquery s = (Subquery) expr;
            return new Subquery(
                    withoutPositions(s.expr()),
                    s.range(),
                    duration(s.rangeExpr()),
                    s.step(),
                    duration(s.stepExpr()),
                    s.offset(),
                    duration(s.offsetExpr()),
                    s.at(),
                    NONE);
        } else if (expr instanceof Call) {
            Call c = (Call) expr;
            return new Call(c.function(), all(c.args()), NONE);
        } else if (expr instanceof Binary) {
            Binary b = (Binary) expr;
            return new Binary(
                    b.op(), withoutPositions(b.lhs()), withoutPositions(b.rhs()), b.returnBool(), b.matching(), NONE);
        } else if (expr instanceof Unary) {
            Unary u = (Unary) expr;
            return new Unary(u.negate(), withoutPositions(u.expr()), NONE);
        } else if (expr instanceof Aggregate) {
            Aggregate a = (Aggregate) expr;
            Expr param = a.param() == null ? null : withoutPositions(a.param());
            return new Aggregate(a.op(), withoutPositions(a.expr()), param, a.grouping(), a.without(), NONE);
        } else if (expr instanceof Paren) {
            return new Paren(withoutPositions(((Paren) expr).expr()), NONE);
        }
        throw new IllegalStateException("BUG: unknown expression type " + expr.getClass());
    }

    private static VectorSelector selector(VectorSelector vs) {
        List<LabelMatcher> sorted = new ArrayList<>(vs.matchers());
        sorted.sort(PRINTED_ORDER);
        return new VectorSelector(
                vs.metricName(), sorted, vs.offset(), duration(vs.offsetExpr()), vs.at(), vs.rangeModifier(), NONE);
    }

    /** The same duration expression without positions; {@code null} stays {@code null}. */
    public static DurationExpr duration(DurationExpr expr) {
        if (expr == null) {
            return null;
        } else if (expr instanceof DurationLiteral) {
            DurationLiteral l = (DurationLiteral) expr;
            return new DurationLiteral(l.value(), l.duration(), NONE);
        } else if (expr instanceof DurationArithmetic) {
            DurationArithmetic a = (DurationArithmetic) expr;
            return new DurationArithmetic(a.op(), duration(a.lhs()), duration(a.rhs()), NONE);
        } else if (expr instanceof DurationNegation) {
            return new DurationNegation(duration(((DurationNegation) expr).expr()), NONE);
        } else if (expr instanceof DurationParen) {
            return new DurationParen(duration(((DurationParen) expr).expr()), NONE);
        } else if (expr instanceof DurationFunction) {
            DurationFunction f = (DurationFunction) expr;
            List<DurationExpr> args = new ArrayList<>(f.args().size());
            for (DurationExpr arg : f.args()) {
                args.add(duration(arg));
            }
            return new DurationFunction(f.name(), args, NONE);
        }
        throw new IllegalStateException("BUG: unknown duration expression " + expr.getClass());
    }

    private static List<Expr> all(List<Expr> exprs) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(withoutPositions(e));
        }
        return out;
    }
}
