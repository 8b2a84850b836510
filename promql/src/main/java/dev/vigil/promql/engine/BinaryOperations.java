package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.BinaryOp;
import dev.vigil.promql.ast.Cardinality;
import dev.vigil.promql.ast.VectorMatching;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary operators (querying/operators.md): arithmetic, comparison (filtering or with {@code bool}), and the set
 * operators, between scalars and instant vectors, with one-to-one, many-to-one and one-to-many vector matching.
 */
final class BinaryOperations {
    private final Evaluator ev;

    BinaryOperations(Evaluator ev) {
        this.ev = ev;
    }

    Value eval(Binary b, long t) {
        Value lhs = ev.eval(b.lhs(), t);
        Value rhs = ev.eval(b.rhs(), t);
        BinaryOp op = b.op();
        if (op.kind() == BinaryOp.Kind.TRIM) {
            throw new QueryException("operator " + op.symbol()
                    + " only applies to native histograms, which this engine does not support yet");
        }
        if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
            return new Scalar(scalarOp(op, l.value(), r.value()));
        }
        if (lhs instanceof Vector l && rhs instanceof Scalar r) {
            return vectorScalar(op, l, r.value(), false, b.returnBool(), t);
        }
        if (lhs instanceof Scalar l && rhs instanceof Vector r) {
            return vectorScalar(op, r, l.value(), true, b.returnBool(), t);
        }
        Vector l = (Vector) lhs;
        Vector r = (Vector) rhs;
        VectorMatching matching = b.matching() == null ? VectorMatching.DEFAULT : b.matching();
        switch (op) {
            case AND:
                return and(l, r, matching, true);
            case UNLESS:
                return and(l, r, matching, false);
            case OR:
                return or(l, r, matching);
            default:
                return vectorVector(op, l, r, matching, b.returnBool(), t);
        }
    }

    static double scalarOp(BinaryOp op, double l, double r) {
        if (op.isComparison()) {
            return compare(op, l, r) ? 1 : 0;
        }
        return arithmetic(op, l, r);
    }

    static double arithmetic(BinaryOp op, double l, double r) {
        switch (op) {
            case ADD:
                return l + r;
            case SUB:
                return l - r;
            case MUL:
                return l * r;
            case DIV:
                return l / r;
            case MOD:
                return goMod(l, r);
            case POW:
                return Math.pow(l, r);
            case ATAN2:
                return Math.atan2(l, r);
            default:
                throw new IllegalStateException("BUG: " + op + " is not arithmetic");
        }
    }

    /** Go's math.Mod: like Java's {@code %} on doubles, the result has the sign of the dividend. */
    private static double goMod(double l, double r) {
        return l % r;
    }

    /** Whether a vector/vector element survives: arithmetic and bool comparisons always, filters when true. */
    static boolean kept(BinaryOp op, double lv, double rv, boolean returnBool) {
        return !op.isComparison() || returnBool || compare(op, lv, rv);
    }

    /** The value of a surviving vector/vector element: the result, 1 or 0 with bool, else the left value. */
    static double elementValue(BinaryOp op, double lv, double rv, boolean returnBool) {
        if (!op.isComparison()) {
            return arithmetic(op, lv, rv);
        }
        return returnBool ? (compare(op, lv, rv) ? 1 : 0) : lv;
    }

    static boolean compare(BinaryOp op, double l, double r) {
        switch (op) {
            case EQL:
                return l == r;
            case NEQ:
                return l != r;
            case GTR:
                return l > r;
            case LSS:
                return l < r;
            case GTE:
                return l >= r;
            case LTE:
                return l <= r;
            default:
                throw new IllegalStateException("BUG: " + op + " is not a comparison");
        }
    }

    private Vector vectorScalar(BinaryOp op, Vector vec, double s, boolean scalarLeft, boolean returnBool, long t) {
        Vector out = new Vector(vec.size());
        for (int i = 0; i < vec.size(); i++) {
            double v = vec.value(i);
            double l = scalarLeft ? s : v;
            double r = scalarLeft ? v : s;
            if (op.isComparison()) {
                boolean keep = compare(op, l, r);
                if (returnBool) {
                    out.add(vec.labels(i), keep ? 1 : 0, t, true);
                } else if (keep) {
                    out.add(vec.labels(i), v, t, vec.dropName(i));
                }
            } else {
                out.add(vec.labels(i), arithmetic(op, l, r), t, true);
            }
        }
        return out;
    }

    /** The labels two sides are matched on: only the {@code on} labels, or all but the ignored ones and the name. */
    static Labels signature(Labels l, VectorMatching m) {
        LabelsBuilder b = new LabelsBuilder(l);
        if (m.on()) {
            b.keep(m.matchingLabels().toArray(new String[0]));
        } else {
            b.del(m.matchingLabels().toArray(new String[0]));
            b.del(Labels.METRIC_NAME);
        }
        return b.labels();
    }

    private Vector and(Vector l, Vector r, VectorMatching m, boolean keepMatching) {
        Set<Labels> right = new HashSet<>();
        for (int i = 0; i < r.size(); i++) {
            right.add(signature(r.labels(i), m));
        }
        Vector out = new Vector(l.size());
        for (int i = 0; i < l.size(); i++) {
            if (right.contains(signature(l.labels(i), m)) == keepMatching) {
                out.addFrom(l, i);
            }
        }
        return out;
    }

    private Vector or(Vector l, Vector r, VectorMatching m) {
        Set<Labels> left = new HashSet<>();
        Vector out = new Vector(l.size() + r.size());
        for (int i = 0; i < l.size(); i++) {
            left.add(signature(l.labels(i), m));
            out.addFrom(l, i);
        }
        for (int i = 0; i < r.size(); i++) {
            if (!left.contains(signature(r.labels(i), m))) {
                out.addFrom(r, i);
            }
        }
        return out;
    }

    private Vector vectorVector(BinaryOp op, Vector l, Vector r, VectorMatching m, boolean returnBool, long t) {
        Cardinality card = m.cardinality();
        if (card == Cardinality.MANY_TO_MANY) {
            throw new IllegalStateException("BUG: many-to-many matching for operator " + op.symbol());
        }
        boolean oneOnLeft = card == Cardinality.ONE_TO_MANY;
        Vector one = oneOnLeft ? l : r;
        Vector many = oneOnLeft ? r : l;
        Map<Labels, Integer> oneBySig = new HashMap<>();
        for (int i = 0; i < one.size(); i++) {
            Labels sig = signature(one.labels(i), m);
            Integer dup = oneBySig.putIfAbsent(sig, i);
            if (dup != null) {
                throw duplicateSeries(sig, oneOnLeft ? "left" : "right", one.labels(dup), one.labels(i));
            }
        }
        Vector out = new Vector(many.size());
        Set<Labels> matchedOneToOne = new HashSet<>();
        Map<Labels, Set<Labels>> inserted = new HashMap<>();
        boolean dropsName = returnBool || !op.isComparison();
        String[] include = m.include().toArray(new String[0]);
        for (int j = 0; j < many.size(); j++) {
            Labels sig = signature(many.labels(j), m);
            Integer k = oneBySig.get(sig);
            if (k == null) {
                continue;
            }
            // Checked before filtering, so that an ambiguous match fails even when a comparison drops it.
            if (card == Cardinality.ONE_TO_ONE && !matchedOneToOne.add(sig)) {
                throw new QueryException("multiple matches for labels: many-to-one matching must be explicit"
                        + " (group_left/group_right)");
            }
            double lv = oneOnLeft ? one.value(k) : many.value(j);
            double rv = oneOnLeft ? many.value(j) : one.value(k);
            if (!kept(op, lv, rv, returnBool)) {
                continue;
            }
            double value = elementValue(op, lv, rv, returnBool);
            Labels metric = resultLabels(many.labels(j), one.labels(k), op, m, include);
            if (card != Cardinality.ONE_TO_ONE
                    && !inserted.computeIfAbsent(sig, x -> new HashSet<>()).add(metric)) {
                throw new QueryException("multiple matches for labels: grouping labels must ensure unique matches");
            }
            out.add(metric, value, t, dropsName || many.dropName(j));
        }
        return out;
    }

    static Labels resultLabels(Labels many, Labels one, BinaryOp op, VectorMatching m, String[] include) {
        LabelsBuilder b = new LabelsBuilder(many);
        if (!op.isComparison()) {
            // As Prometheus: arithmetic between two vectors removes the name, type and unit at once, not lazily.
            MetricMetadata.delete(b);
        }
        if (m.cardinality() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                b.keep(m.matchingLabels().toArray(new String[0]));
            } else {
                b.del(m.matchingLabels().toArray(new String[0]));
            }
        }
        for (String name : include) {
            String v = one.get(name);
            if (v.isEmpty()) {
                b.del(name);
            } else {
                b.set(name, v);
            }
        }
        return b.labels();
    }

    static QueryException duplicateSeries(Labels sig, String side, Labels a, Labels b) {
        List<Labels> pair = a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
        return new QueryException("found duplicate series for the match group " + sig + " on the " + side
                + " hand-side of the operation: [" + pair.get(0) + ", " + pair.get(1) + "]"
                + ";many-to-many matching not allowed: matching labels must be unique on one side");
    }
}
