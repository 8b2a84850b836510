package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.promql.ast.Aggregate;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The groups of an aggregation's input elements: each element's group and each group's members, in order of first
 * appearance and in input order, as plain int arrays. Group keys (the {@code by} labels, or all labels but the {@code
 * without} ones and the name) are computed once per input label set and remembered in a per-aggregation cache, since
 * the same label sets come back at every step.
 */
final class Grouping {
    final int[] groupOf;
    final Labels[] keys;
    final int count;

    private Grouping(int[] groupOf, Labels[] keys, int count) {
        this.groupOf = groupOf;
        this.keys = keys;
        this.count = count;
    }

    /** Group keys of one aggregation, remembered per input label set. One thread. */
    static final class Keys {
        private final boolean without;
        private final String[] grouping;
        private final LabelsBuilder builder = new LabelsBuilder();
        private final Map<Labels, Labels> cache = new IdentityHashMap<>();

        Keys(Aggregate a) {
            this.without = a.without();
            this.grouping = a.grouping().toArray(new String[0]);
        }

        Labels of(Labels l) {
            Labels key = cache.get(l);
            if (key == null) {
                key = Aggregations.groupKey(builder, l, without, grouping);
                cache.put(l, key);
            }
            return key;
        }
    }

    static Grouping of(int n, IntFunction<Labels> labelsAt, Keys keys) {
        Map<Labels, Integer> index = new HashMap<>();
        int[] groupOf = new int[n];
        Labels[] groupKeys = new Labels[Math.max(n, 1)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            Labels key = keys.of(labelsAt.apply(i));
            Integer g = index.putIfAbsent(key, count);
            if (g == null) {
                groupKeys[count] = key;
                g = count++;
            }
            groupOf[i] = g;
        }
        return new Grouping(groupOf, groupKeys, count);
    }

    /** The members of each group, in input order. */
    int[][] members() {
        return members(groupOf, count);
    }

    /** The elements {@code i} of each group {@code groupOf[i]} in {@code [0, count)}, in order; -1 is no group. */
    static int[][] members(int[] groupOf, int count) {
        int[] sizes = new int[count];
        for (int g : groupOf) {
            if (g >= 0) {
                sizes[g]++;
            }
        }
        int[][] out = new int[count][];
        for (int g = 0; g < count; g++) {
            out[g] = new int[sizes[g]];
            sizes[g] = 0;
        }
        for (int i = 0; i < groupOf.length; i++) {
            int g = groupOf[i];
            if (g >= 0) {
                out[g][sizes[g]++] = i;
            }
        }
        return out;
    }
}
