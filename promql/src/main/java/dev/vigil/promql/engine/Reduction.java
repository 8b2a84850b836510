package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.ast.AggregateOp;

/**
 * The running state of one aggregation group at every step of a range: members are added one at a time, in input
 * order, and each step's state evolves exactly as {@link dev.vigil.promql.functions.Stats}' loops do over that step's
 * members (compensated sums, the overflow-safe mean, Welford's variance), so results match the step-by-step path.
 */
final class Reduction {
    private final AggregateOp op;
    private final int[] count;
    private final double[] first;
    private final double[] second;
    private final double[] third;
    private final double[] fourth;
    private final long[] infinite;
    private final long[] dropsName;

    Reduction(AggregateOp op, int steps) {
        this.op = op;
        this.count = new int[steps];
        int words = (steps + 63) >>> 6;
        this.dropsName = new long[words];
        boolean sums = op == AggregateOp.SUM || op == AggregateOp.AVG;
        boolean moments = op == AggregateOp.AVG || op == AggregateOp.STDDEV || op == AggregateOp.STDVAR;
        this.first = op == AggregateOp.COUNT || op == AggregateOp.GROUP ? null : new double[steps];
        this.second = sums || moments ? new double[steps] : null;
        this.third = op == AggregateOp.AVG ? new double[steps] : null;
        this.fourth = op == AggregateOp.AVG ? new double[steps] : null;
        this.infinite = op == AggregateOp.AVG ? new long[words] : null;
    }

    /** Adds every element of {@code s}, step by step. */
    void addAll(StepSeries s) {
        long[] words = s.presentWords();
        boolean drop = s.dropName;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                int k = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                add(k, s.value(k), drop);
            }
        }
    }

    void add(int k, double v, boolean dropName) {
        int n = ++count[k];
        if (dropName) {
            dropsName[k >>> 6] |= 1L << k;
        }
        switch (op) {
            case SUM:
                addCompensated(k, v);
                break;
            case AVG:
                addCompensated(k, v);
                if (Double.isInfinite(v)) {
                    infinite[k >>> 6] |= 1L << k;
                }
                addToMean(k, v, n);
                break;
            case MIN:
                if (n == 1 || first[k] > v || Double.isNaN(first[k])) {
                    first[k] = v;
                }
                break;
            case MAX:
                if (n == 1 || first[k] < v || Double.isNaN(first[k])) {
                    first[k] = v;
                }
                break;
            case STDDEV:
            case STDVAR: {
                double mean = first[k];
                double delta = v - mean;
                mean += delta / n;
                first[k] = mean;
                second[k] += delta * (v - mean);
                break;
            }
            default:
                break;
        }
    }

    /** Kahan-Neumaier: first = sum, second = compensation. */
    private void addCompensated(int k, double x) {
        double sum = first[k];
        double t = sum + x;
        if (Double.isInfinite(t)) {
            second[k] = 0;
        } else if (Math.abs(sum) >= Math.abs(x)) {
            second[k] += (sum - t) + x;
        } else {
            second[k] += (x - t) + sum;
        }
        first[k] = t;
    }

    /** The incremental, compensated mean the overflow fallback uses: third = mean, fourth = compensation. */
    private void addToMean(int k, double v, int n) {
        double mean = third[k];
        double inc = v / n - mean / n;
        double t = mean + inc;
        double c = fourth[k];
        if (Math.abs(mean) >= Math.abs(inc)) {
            c += (mean - t) + inc;
        } else {
            c += (inc - t) + mean;
        }
        third[k] = t;
        fourth[k] = c - c / n;
    }

    private double result(int k) {
        int n = count[k];
        switch (op) {
            case SUM:
                return sum(k);
            case AVG: {
                double s = sum(k);
                if (!Double.isInfinite(s) || (infinite[k >>> 6] & (1L << k)) != 0) {
                    return s / n;
                }
                return third[k] + fourth[k];
            }
            case COUNT:
                return n;
            case GROUP:
                return 1;
            case MIN:
            case MAX:
                return first[k];
            case STDDEV:
                return Math.sqrt(second[k] / n);
            case STDVAR:
                return second[k] / n;
            default:
                throw new IllegalStateException("BUG: aggregation " + op + " is not a reduction");
        }
    }

    private double sum(int k) {
        double s = first[k];
        return Double.isInfinite(s) ? s : s + second[k];
    }

    /**
     * Appends the group's result series to {@code out}. Grouping by {@code __name__} keeps the name unless a member at
     * that step drops it, so such a group may yield a series that keeps the name and one that drops it.
     */
    void emit(Labels labels, boolean byName, StepVector out) {
        int steps = count.length;
        StepSeries keep = null;
        StepSeries drop = null;
        for (int k = 0; k < steps; k++) {
            if (count[k] == 0) {
                continue;
            }
            if (byName && (dropsName[k >>> 6] & (1L << k)) != 0) {
                drop = drop == null ? new StepSeries(labels, true, steps) : drop;
                drop.set(k, result(k));
            } else {
                keep = keep == null ? new StepSeries(labels, false, steps) : keep;
                keep.set(k, result(k));
            }
        }
        out.add(keep);
        out.add(drop);
    }
}
