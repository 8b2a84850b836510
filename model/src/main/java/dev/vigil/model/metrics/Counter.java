package dev.vigil.model.metrics;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A monotonically increasing count. Thread-safe; increments are contention-free.
 *
 * <pre>{@code
 * Counter requests = registry.counter("vigil_http_requests_total", "HTTP requests.", "handler", "code");
 * requests.labels("/metrics", "200").inc();
 * }</pre>
 */
public final class Counter extends Family<Counter.Child> {
    Counter(String name, String help, String... labelNames) {
        super(name, help, labelNames);
    }

    /** Increments the unlabelled counter by one. */
    public void inc() {
        noLabels().inc();
    }

    /** Increments the unlabelled counter. */
    public void inc(double amount) {
        noLabels().inc(amount);
    }

    /** The value of the unlabelled counter. */
    public double get() {
        return noLabels().get();
    }

    @Override
    Child newChild() {
        return new Child();
    }

    @Override
    MetricType type() {
        return MetricType.COUNTER;
    }

    @Override
    void writeChild(SampleWriter writer, List<String> labelValues, Child child) {
        writer.sample(name(), labelNames(), labelValues, child.get());
    }

    /** One labelled counter. */
    public static final class Child {
        private final DoubleAdder value = new DoubleAdder();

        public void inc() {
            value.add(1);
        }

        public void inc(double amount) {
            if (amount < 0 || Double.isNaN(amount)) {
                throw new IllegalArgumentException("counters only go up; got " + amount);
            }
            value.add(amount);
        }

        public double get() {
            return value.sum();
        }
    }
}
