package dev.vigil.ui.federate;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Queryable;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders {@code /federate}: for every series matching any of the selectors, its latest sample within the lookback
 * delta before {@code now}, in the Prometheus text format as Prometheus writes it. Series are grouped by metric name
 * (sorted by name, then labels), each family announced as {@code # TYPE name untyped}; a series keeps its own labels
 * (so a scraper with {@code honor_labels: true} sees them unchanged) and gets each external label it does not have,
 * plus {@code instance=""} when neither it nor the external labels have an instance, exactly like Prometheus. Series
 * whose latest sample is a stale marker, and nameless series, are left out. Stateless and thread-safe.
 */
public final class FederationWriter {
    private final Queryable storage;
    private final long lookbackMs;

    public FederationWriter(Queryable storage, long lookbackMs) {
        this.storage = storage;
        this.lookbackMs = lookbackMs;
    }

    /** The exposition text for the selectors, each an array of matchers that must all match. */
    public String render(List<Matcher[]> selectors, long nowMs, Map<String, String> externalLabels) {
        Latest latest = new Latest();
        try (Querier querier = storage.querier(nowMs - lookbackMs, nowMs)) {
            for (Matcher[] selector : selectors) {
                SeriesSet set = querier.select(false, selector);
                SeriesIterator reuse = null;
                while (set.next()) {
                    var series = set.at();
                    if (latest.contains(series.labels()) || series.labels().metricName() == null) {
                        continue;
                    }
                    SeriesIterator it = reuse == null ? series.iterator() : series.iterator(reuse);
                    reuse = it;
                    boolean any = false;
                    long t = 0;
                    double v = 0;
                    while (it.next()) {
                        any = true;
                        t = it.timestamp();
                        v = it.value();
                    }
                    if (any && !StaleMarker.isStaleNaN(v)) {
                        latest.add(series.labels(), t, v);
                    }
                }
            }
        }
        return write(latest, externalLabels);
    }

    private static String write(Latest latest, Map<String, String> externalLabels) {
        Map<String, String> external = new TreeMap<>(Labels::compareStrings);
        external.putAll(externalLabels);
        external.putIfAbsent("instance", "");
        Integer[] order = latest.sortedOrder();
        StringBuilder out = new StringBuilder(64 * order.length + 64);
        String family = null;
        for (int i : order) {
            Labels labels = latest.labels.get(i);
            String name = labels.metricName();
            if (!name.equals(family)) {
                family = name;
                out.append("# TYPE ");
                appendMetricName(out, name);
                out.append(" untyped\n");
            }
            boolean quotedName = !isLegacyMetricName(name);
            if (quotedName) {
                out.append('{');
                TextExposition.appendQuoted(out, name);
            } else {
                out.append(name).append('{');
            }
            boolean first = !quotedName;
            for (int k = 0; k < labels.size(); k++) {
                if (labels.name(k).equals(Labels.METRIC_NAME)) {
                    continue;
                }
                first = appendLabel(out, first, labels.name(k), labels.value(k));
            }
            for (Map.Entry<String, String> e : external.entrySet()) {
                if (!labels.has(e.getKey())) {
                    first = appendLabel(out, first, e.getKey(), e.getValue());
                }
            }
            out.append("} ")
                    .append(GoFloat.format(latest.values[i]))
                    .append(' ')
                    .append(latest.timestamps[i])
                    .append('\n');
        }
        return out.toString();
    }

    private static boolean appendLabel(StringBuilder out, boolean first, String name, String value) {
        if (!first) {
            out.append(',');
        }
        if (Labels.isLegacyLabelName(name)) {
            out.append(name);
        } else {
            TextExposition.appendQuoted(out, name);
        }
        out.append('=');
        TextExposition.appendQuoted(out, value);
        return false;
    }

    private static void appendMetricName(StringBuilder out, String name) {
        if (isLegacyMetricName(name)) {
            out.append(name);
        } else {
            TextExposition.appendQuoted(out, name);
        }
    }

    static boolean isLegacyMetricName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || c == '_'
                    || c == ':'
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The latest samples in primitive arrays, one slot per series. */
    private static final class Latest {
        final List<Labels> labels = new ArrayList<>();
        final Set<Labels> seen = new HashSet<>();
        long[] timestamps = new long[64];
        double[] values = new double[64];

        boolean contains(Labels l) {
            return seen.contains(l);
        }

        void add(Labels l, long t, double v) {
            int i = labels.size();
            if (i == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, i * 2);
                values = Arrays.copyOf(values, i * 2);
            }
            labels.add(l);
            seen.add(l);
            timestamps[i] = t;
            values[i] = v;
        }

        Integer[] sortedOrder() {
            Integer[] order = new Integer[labels.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Comparator<Integer> byName = (a, b) -> Labels.compareStrings(
                    labels.get(a).metricName(), labels.get(b).metricName());
            Arrays.sort(order, byName.thenComparing((a, b) -> labels.get(a).compareTo(labels.get(b))));
            return order;
        }
    }
}
