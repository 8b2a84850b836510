package dev.vigil.promql.engine;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AtModifier;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.VectorSelector;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Works out, before evaluation, the time range of samples each selector of a query can need: the evaluation times of
 * the query widened by subquery ranges, shifted by offsets and pinned by {@code @}, minus the lookback delta or the
 * selector's range. Storage is then read once per selector.
 */
final class SelectorRanges {
    /** A selector's needed samples {@code [minT, maxT]} and whether it feeds a range (so stale markers are dropped). */
    static final class Need {
        long minT = Long.MAX_VALUE;
        long maxT = Long.MIN_VALUE;
        boolean range;

        void widen(long lo, long hi) {
            minT = Math.min(minT, lo);
            maxT = Math.max(maxT, hi);
        }
    }

    private final Map<VectorSelector, Need> needs = new IdentityHashMap<>();
    private final EvalContext ctx;

    private SelectorRanges(EvalContext ctx) {
        this.ctx = ctx;
    }

    static Map<VectorSelector, Need> of(Expr root, EvalContext ctx) {
        SelectorRanges r = new SelectorRanges(ctx);
        r.walk(root, ctx.start(), ctx.end());
        return r.needs;
    }

    private void walk(Expr e, long lo, long hi) {
        if (e instanceof VectorSelector vs) {
            long[] t = shifted(vs.at(), ctx.offsetMs(vs), lo, hi);
            need(vs, false).widen(t[0] - ctx.lookbackMs(), t[1]);
        } else if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            long[] t = shifted(vs.at(), ctx.offsetMs(vs), lo, hi);
            need(vs, true).widen(t[0] - ctx.rangeMs(ms), t[1]);
        } else if (e instanceof Subquery sq) {
            long[] t = shifted(sq.at(), ctx.offsetMs(sq), lo, hi);
            walk(sq.expr(), t[0] - ctx.rangeMs(sq), t[1]);
        } else if (e instanceof Call c) {
            for (Expr a : c.args()) {
                walk(a, lo, hi);
            }
        } else if (e instanceof Binary b) {
            if (b.matching() != null && b.matching().hasFill()) {
                throw new QueryException(
                        "fill modifiers on binary operators are experimental and not supported by" + " this engine");
            }
            walk(b.lhs(), lo, hi);
            walk(b.rhs(), lo, hi);
        } else if (e instanceof Aggregate a) {
            walk(a.expr(), lo, hi);
            if (a.param() != null) {
                walk(a.param(), lo, hi);
            }
        } else if (e instanceof Unary u) {
            walk(u.expr(), lo, hi);
        } else if (e instanceof Paren p) {
            walk(p.expr(), lo, hi);
        } else if (!(e instanceof NumberLiteral) && !(e instanceof StringLiteral)) {
            throw new IllegalStateException("BUG: unknown expression type " + e.getClass());
        }
    }

    /** Calls {@code action} with every selector in {@code e}, including those of range selectors. */
    static void forEachSelector(Expr e, java.util.function.Consumer<VectorSelector> action) {
        if (e instanceof VectorSelector vs) {
            action.accept(vs);
        } else if (e instanceof MatrixSelector ms) {
            action.accept(ms.selector());
        } else if (e instanceof Subquery sq) {
            forEachSelector(sq.expr(), action);
        } else if (e instanceof Call c) {
            c.args().forEach(a -> forEachSelector(a, action));
        } else if (e instanceof Binary b) {
            forEachSelector(b.lhs(), action);
            forEachSelector(b.rhs(), action);
        } else if (e instanceof Aggregate a) {
            if (a.param() != null) {
                forEachSelector(a.param(), action);
            }
            forEachSelector(a.expr(), action);
        } else if (e instanceof Unary u) {
            forEachSelector(u.expr(), action);
        } else if (e instanceof Paren p) {
            forEachSelector(p.expr(), action);
        }
    }

    private Need need(VectorSelector vs, boolean range) {
        if (vs.rangeModifier() != RangeModifier.NONE) {
            throw new QueryException("the " + vs.rangeModifier().keyword()
                    + " modifier is experimental and not supported by this engine");
        }
        Need n = needs.computeIfAbsent(vs, k -> new Need());
        n.range = range;
        return n;
    }

    private long[] shifted(AtModifier at, long offsetMs, long lo, long hi) {
        if (at.isPresent()) {
            long t = ctx.atTime(at, lo);
            return new long[] {t - offsetMs, t - offsetMs};
        }
        return new long[] {lo - offsetMs, hi - offsetMs};
    }
}
