package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.BinaryOp;
import dev.vigil.promql.ast.Cardinality;
import dev.vigil.promql.ast.VectorMatching;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary operators with an instant vector on at least one side, over a whole range. Each series' matching signature is
 * worked out once; which series match is then decided step by step with per-signature stamps, so the same errors
 * (duplicate series, ambiguous matches) arise at the same steps as in {@link BinaryOperations}.
 */
final class RangeBinaryOperations {
    private final RangeEvaluator range;
    private final EvalContext ctx;

    RangeBinaryOperations(RangeEvaluator range) {
        this.range = range;
        this.ctx = range.ctx();
    }

    /** A binary operation between two instant vectors. */
    StepVector vector(Binary b) {
        StepVector l = range.vector(b.lhs());
        StepVector r = range.vector(b.rhs());
        VectorMatching m = b.matching() == null ? VectorMatching.DEFAULT : b.matching();
        StepVector out;
        switch (b.op()) {
            case AND:
                out = and(l, r, m, true);
                break;
            case UNLESS:
                out = and(l, r, m, false);
                break;
            case OR:
                out = or(l, r, m);
                break;
            default:
                out = vectorVector(b.op(), l, r, m, b.returnBool());
                break;
        }
        ctx.release(r.points());
        return done(out, l);
    }

    private StepVector done(StepVector out, StepVector in) {
        ctx.release(in.points());
        ctx.hold(out.points());
        return out;
    }

    /** Matching signatures as small integers, shared by both sides of one operation. */
    private static final class Signatures {
        final Map<Labels, Integer> ids = new HashMap<>();
        final List<Labels> labels = new ArrayList<>();

        int[] of(StepVector v, VectorMatching m) {
            int[] out = new int[v.size()];
            for (int i = 0; i < v.size(); i++) {
                Labels sig = BinaryOperations.signature(v.get(i).labels, m);
                Integer id = ids.putIfAbsent(sig, labels.size());
                if (id == null) {
                    id = labels.size();
                    labels.add(sig);
                }
                out[i] = id;
            }
            return out;
        }

        int size() {
            return labels.size();
        }
    }

    /** {@code and} keeps left elements whose signature the right side has at that step; {@code unless} the others. */
    private StepVector and(StepVector l, StepVector r, VectorMatching m, boolean keepMatching) {
        int steps = range.steps();
        Signatures sigs = new Signatures();
        int[] left = sigs.of(l, m);
        int[] right = sigs.of(r, m);
        long[][] rightHas = new long[sigs.size()][];
        for (int j = 0; j < r.size(); j++) {
            StepSeries s = r.get(j);
            long[] bits = rightHas[right[j]];
            if (bits == null) {
                bits = new long[(steps + 63) >>> 6];
                rightHas[right[j]] = bits;
            }
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                bits[k >>> 6] |= 1L << k;
            }
        }
        StepVector out = new StepVector(l.size());
        for (int i = 0; i < l.size(); i++) {
            StepSeries s = l.get(i);
            long[] bits = rightHas[left[i]];
            StepSeries o = new StepSeries(s.labels, s.dropName, steps);
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                boolean matched = bits != null && (bits[k >>> 6] & (1L << k)) != 0;
                if (matched == keepMatching) {
                    o.set(k, s.value(k));
                }
            }
            out.add(o);
        }
        return out;
    }

    /** All left elements, then the right elements whose signature the left side lacks at that step. */
    private StepVector or(StepVector l, StepVector r, VectorMatching m) {
        int steps = range.steps();
        Signatures sigs = new Signatures();
        int[] left = sigs.of(l, m);
        int[] right = sigs.of(r, m);
        long[][] leftHas = new long[sigs.size()][];
        StepVector out = new StepVector(l.size() + r.size());
        for (int i = 0; i < l.size(); i++) {
            StepSeries s = l.get(i);
            long[] bits = leftHas[left[i]];
            if (bits == null) {
                bits = new long[(steps + 63) >>> 6];
                leftHas[left[i]] = bits;
            }
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                bits[k >>> 6] |= 1L << k;
            }
            out.add(s);
        }
        for (int j = 0; j < r.size(); j++) {
            StepSeries s = r.get(j);
            long[] bits = leftHas[right[j]];
            if (bits == null) {
                out.add(s);
                continue;
            }
            StepSeries o = new StepSeries(s.labels, s.dropName, steps);
            for (int k = s.nextStep(0); k >= 0; k = s.nextStep(k + 1)) {
                if ((bits[k >>> 6] & (1L << k)) == 0) {
                    o.set(k, s.value(k));
                }
            }
            out.add(o);
        }
        return out;
    }

    /** One output series: a result label set from one matching signature, dropping the name or not. */
    private record OutputKey(Labels labels, boolean dropName, int signature) {}

    /** Arithmetic and comparisons between two vectors, one-to-one or many-to-one/one-to-many with group_x. */
    private StepVector vectorVector(BinaryOp op, StepVector l, StepVector r, VectorMatching m, boolean returnBool) {
        int steps = range.steps();
        Cardinality card = m.cardinality();
        if (card == Cardinality.MANY_TO_MANY) {
            throw new IllegalStateException("BUG: many-to-many matching for operator " + op.symbol());
        }
        boolean oneOnLeft = card == Cardinality.ONE_TO_MANY;
        StepVector one = oneOnLeft ? l : r;
        StepVector many = oneOnLeft ? r : l;
        Signatures sigs = new Signatures();
        int[] oneSig = sigs.of(one, m);
        int[] manySig = sigs.of(many, m);
        int nSigs = sigs.size();
        // Stamps say "set at step k" by holding k + 1, so no array needs clearing between steps.
        int[] oneStamp = new int[nSigs];
        int[] oneAt = new int[nSigs];
        int[] matchedStamp = new int[nSigs];
        boolean dropsName = returnBool || !op.isComparison();
        String[] include = m.include().toArray(new String[0]);

        Map<OutputKey, Integer> outputIndex = new HashMap<>();
        List<StepSeries> outputs = new ArrayList<>();
        List<Integer> outputMany = new ArrayList<>();
        int[] insertedStamp = new int[16];
        int[] lastOne = new int[many.size()];
        int[] lastOutput = new int[many.size()];
        Arrays.fill(lastOne, -1);

        for (int k = 0; k < steps; k++) {
            ctx.checkpoint();
            int stamp = k + 1;
            for (int i = 0; i < one.size(); i++) {
                StepSeries s = one.get(i);
                if (!s.has(k)) {
                    continue;
                }
                int sig = oneSig[i];
                if (oneStamp[sig] == stamp) {
                    throw BinaryOperations.duplicateSeries(
                            sigs.labels.get(sig), oneOnLeft ? "left" : "right", one.get(oneAt[sig]).labels, s.labels);
                }
                oneStamp[sig] = stamp;
                oneAt[sig] = i;
            }
            for (int j = 0; j < many.size(); j++) {
                StepSeries s = many.get(j);
                if (!s.has(k)) {
                    continue;
                }
                int sig = manySig[j];
                if (oneStamp[sig] != stamp) {
                    continue;
                }
                int i = oneAt[sig];
                if (card == Cardinality.ONE_TO_ONE) {
                    // Checked before filtering, so that an ambiguous match fails even when a comparison drops it.
                    if (matchedStamp[sig] == stamp) {
                        throw new QueryException("multiple matches for labels: many-to-one matching must be explicit"
                                + " (group_left/group_right)");
                    }
                    matchedStamp[sig] = stamp;
                }
                double lv = oneOnLeft ? one.get(i).value(k) : s.value(k);
                double rv = oneOnLeft ? s.value(k) : one.get(i).value(k);
                if (!BinaryOperations.kept(op, lv, rv, returnBool)) {
                    continue;
                }
                double value = BinaryOperations.elementValue(op, lv, rv, returnBool);
                int o;
                if (lastOne[j] == i) {
                    o = lastOutput[j];
                } else {
                    Labels metric = BinaryOperations.resultLabels(s.labels, one.get(i).labels, op, m, include);
                    OutputKey key = new OutputKey(metric, dropsName || s.dropName, sig);
                    Integer known = outputIndex.get(key);
                    if (known == null) {
                        known = outputs.size();
                        outputIndex.put(key, known);
                        outputs.add(new StepSeries(metric, key.dropName(), steps));
                        outputMany.add(j);
                        if (known == insertedStamp.length) {
                            insertedStamp = Arrays.copyOf(insertedStamp, known * 2);
                        }
                    }
                    o = known;
                    lastOne[j] = i;
                    lastOutput[j] = o;
                }
                if (card != Cardinality.ONE_TO_ONE) {
                    if (insertedStamp[o] == stamp) {
                        throw new QueryException(
                                "multiple matches for labels: grouping labels must ensure unique matches");
                    }
                    insertedStamp[o] = stamp;
                }
                outputs.get(o).set(k, value);
            }
        }
        // In the order of the "many" side, as each step's elements come out of the step-by-step evaluation.
        Integer[] order = new Integer[outputs.size()];
        for (int o = 0; o < order.length; o++) {
            order[o] = o;
        }
        Arrays.sort(order, Comparator.comparingInt(outputMany::get));
        StepVector out = new StepVector(outputs.size());
        for (int o : order) {
            out.add(outputs.get(o));
        }
        return out;
    }
}
