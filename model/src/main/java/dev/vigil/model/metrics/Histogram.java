package dev.vigil.model.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A classic Prometheus histogram with fixed upper bounds, exported as {@code _bucket}, {@code _sum}
 * and {@code _count}. Thread-safe; {@link Child#observe} is a binary search and two atomic adds.
 *
 * <pre>{@code
 * Histogram latency = registry.histogram("vigil_http_request_duration_seconds", "Latency.",
 *         Histogram.HTTP_BUCKETS, "handler");
 * latency.labels("/api/v1/query").observe(seconds);
 * }</pre>
 */
public final class Histogram extends Family<Histogram.Child> {
    /** The buckets Prometheus uses for its own HTTP request durations. */
    public static final double[] HTTP_BUCKETS = {0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120};

    /** The default buckets of the Prometheus client libraries. */
    public static final double[] DEFAULT_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final double[] upperBounds;
    private final List<String> bucketLabelNames;
    private final List<String> bucketBoundTexts;

    Histogram(String name, String help, double[] upperBounds, String... labelNames) {
        super(name, help, labelNames);
        for (String label : labelNames) {
            if (label.equals("le")) {
                throw new IllegalArgumentException("histogram " + name + " may not use the label name \"le\"");
            }
        }
        this.upperBounds = checkBounds(name, upperBounds);
        List<String> names = new ArrayList<>(labelNames().size() + 1);
        names.addAll(labelNames());
        names.add("le");
        this.bucketLabelNames = List.copyOf(names);
        List<String> bounds = new ArrayList<>(this.upperBounds.length + 1);
        for (double b : this.upperBounds) {
            bounds.add(TextExposition.formatValue(b));
        }
        bounds.add("+Inf");
        this.bucketBoundTexts = List.copyOf(bounds);
    }

    private static double[] checkBounds(String name, double[] bounds) {
        double[] copy = bounds.clone();
        for (int i = 0; i < copy.length; i++) {
            if (Double.isNaN(copy[i]) || (i > 0 && copy[i] <= copy[i - 1])) {
                throw new IllegalArgumentException("histogram " + name
                        + " needs strictly increasing bucket bounds, got " + Arrays.toString(bounds));
            }
        }
        if (copy.length > 0 && copy[copy.length - 1] == Double.POSITIVE_INFINITY) {
            copy = Arrays.copyOf(copy, copy.length - 1);
        }
        return copy;
    }

    /** Records an observation in the unlabelled histogram. */
    public void observe(double value) {
        noLabels().observe(value);
    }

    @Override
    Child newChild() {
        return new Child(upperBounds);
    }

    @Override
    MetricType type() {
        return MetricType.HISTOGRAM;
    }

    @Override
    void writeChild(SampleWriter writer, List<String> labelValues, Child child) {
        long[] counts = child.snapshotCounts();
        List<String> values = new ArrayList<>(labelValues.size() + 1);
        values.addAll(labelValues);
        values.add("");
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            values.set(values.size() - 1, bucketBoundTexts.get(i));
            writer.sample(name() + "_bucket", bucketLabelNames, List.copyOf(values), cumulative);
        }
        writer.sample(name() + "_sum", labelNames(), labelValues, child.sum());
        writer.sample(name() + "_count", labelNames(), labelValues, cumulative);
    }

    /** One labelled histogram. */
    public static final class Child {
        private final double[] upperBounds;
        private final AtomicLongArray counts;
        private final DoubleAdder sum = new DoubleAdder();

        Child(double[] upperBounds) {
            this.upperBounds = upperBounds;
            this.counts = new AtomicLongArray(upperBounds.length + 1);
        }

        public void observe(double value) {
            int i = Arrays.binarySearch(upperBounds, value);
            int bucket = i >= 0 ? i : -i - 1;
            counts.incrementAndGet(bucket);
            sum.add(value);
        }

        /** Non-cumulative counts per bucket, the last one for +Inf. */
        long[] snapshotCounts() {
            long[] copy = new long[counts.length()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = counts.get(i);
            }
            return copy;
        }

        public double sum() {
            return sum.sum();
        }

        public long count() {
            long total = 0;
            for (int i = 0; i < counts.length(); i++) {
                total += counts.get(i);
            }
            return total;
        }
    }
}
