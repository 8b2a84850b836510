package dev.vigil.tsdb.index;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates label matchers over a {@link LabelIndexReader} without scanning series: {@code =} and literal sets ({@code
 * a|b|c}) are direct lookups, prefixes ({@code foo.*}) a range of the sorted values, other regexes a scan of one
 * label's values (not of series). A matcher that accepts the empty value also selects series without the label, so it
 * is applied by subtracting the series it rejects.
 *
 * <p>Once the candidates are few, the remaining matchers are checked against each candidate's labels instead of
 * reading postings that may hold millions of ids (e.g. {@code job="node"} after {@code __name__="up"}).
 */
public final class PostingsSelection {
    /** Below this many candidates, remaining matchers filter by labels. */
    static final int FILTER_BY_LABELS_BELOW = 2048;

    private PostingsSelection() {}

    /** Ascending ids of the series satisfying every matcher; every series when there are none. */
    public static long[] select(LabelIndexReader index, Matcher... matchers) {
        Matcher[] ordered = matchers.clone();
        Arrays.sort(ordered, Comparator.comparingInt(PostingsSelection::cost));
        long[] result = null;
        int next = 0;
        for (; next < ordered.length; next++) {
            Matcher m = ordered[next];
            if (result != null && result.length < FILTER_BY_LABELS_BELOW) {
                break;
            }
            if (m.matchesEmpty()) {
                if (result == null) {
                    result = index.allIds();
                }
                result = SortedIds.subtract(result, idsWhere(index, m, false));
            } else {
                long[] ids = idsWhere(index, m, true);
                result = result == null ? ids : SortedIds.intersect(result, ids);
            }
            if (result.length == 0) {
                return result;
            }
        }
        if (result == null) {
            return index.allIds();
        }
        if (next < ordered.length) {
            result = filterByLabels(index, result, Arrays.copyOfRange(ordered, next, ordered.length));
        }
        return result;
    }

    /** Cheap, selective matchers first: literal lookups, then prefixes, then regex scans, then negations. */
    private static int cost(Matcher m) {
        if (m.matchesEmpty()) {
            return 10;
        }
        if (!m.setMatches().isEmpty()) {
            return Labels.METRIC_NAME.equals(m.name()) ? 0 : 1;
        }
        return m.prefix().isPresent() ? 2 : 3;
    }

    private static long[] filterByLabels(LabelIndexReader index, long[] candidates, Matcher[] rest) {
        long[] out = new long[candidates.length];
        int n = 0;
        for (long id : candidates) {
            Labels labels = index.labels(id);
            if (labels != null && matchesAll(labels, rest)) {
                out[n++] = id;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static boolean matchesAll(Labels labels, Matcher[] matchers) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Series carrying label {@code m.name()} with a value for which {@code m.matches(value) == accepted}. */
    private static long[] idsWhere(LabelIndexReader index, Matcher m, boolean accepted) {
        List<String> set = m.setMatches();
        boolean setIsAccepted = !m.type().isNegative();
        if (!set.isEmpty() && setIsAccepted == accepted) {
            if (set.size() == 1) {
                return index.ids(m.name(), set.get(0));
            }
            List<long[]> lists = new ArrayList<>(set.size());
            for (String v : set) {
                lists.add(index.ids(m.name(), v));
            }
            return SortedIds.union(lists);
        }
        Optional<String> prefix = m.prefix();
        boolean prefixIsAccepted = m.type() == MatchType.REGEX;
        String scanFrom = prefix.isPresent() && prefixIsAccepted == accepted ? prefix.get() : "";
        return index.idsWhere(m.name(), scanFrom, v -> m.matches(v) == accepted);
    }
}
