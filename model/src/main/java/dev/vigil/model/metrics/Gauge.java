package dev.vigil.model.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A value that goes up and down. Thread-safe.
 *
 * <pre>{@code
 * Gauge ok = registry.gauge("vigil_config_last_reload_successful", "Whether the last reload succeeded.");
 * ok.set(1);
 * }</pre>
 */
public final class Gauge extends Family<Gauge.Child> {
    Gauge(String name, String help, String... labelNames) {
        super(name, help, labelNames);
    }

    public void set(double value) {
        noLabels().set(value);
    }

    public void inc() {
        noLabels().add(1);
    }

    public void dec() {
        noLabels().add(-1);
    }

    public void add(double delta) {
        noLabels().add(delta);
    }

    public double get() {
        return noLabels().get();
    }

    @Override
    Child newChild() {
        return new Child();
    }

    @Override
    MetricType type() {
        return MetricType.GAUGE;
    }

    @Override
    void writeChild(SampleWriter writer, List<String> labelValues, Child child) {
        writer.sample(name(), labelNames(), labelValues, child.get());
    }

    /** One labelled gauge; the double is kept as raw bits so updates are lock-free. */
    public static final class Child {
        private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0));

        public void set(double value) {
            bits.set(Double.doubleToRawLongBits(value));
        }

        public void add(double delta) {
            long prev;
            long next;
            do {
                prev = bits.get();
                next = Double.doubleToRawLongBits(Double.longBitsToDouble(prev) + delta);
            } while (!bits.compareAndSet(prev, next));
        }

        public double get() {
            return Double.longBitsToDouble(bits.get());
        }
    }
}
