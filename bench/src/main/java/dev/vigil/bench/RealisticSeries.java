package dev.vigil.bench;

import java.util.SplittableRandom;

/**
 * Series that behave like what a Kubernetes node and the services on it export, for storage benchmarks: counters with
 * rates from one per hour to thousands per second (integer, or CPU seconds in hundredths), gauges (fractional readings
 * with a few decimals, byte gauges that move in pages, rarely changing states and limits), and classic histograms
 * (cumulative buckets, a fractional sum and a count). Deterministic per seed. Not thread-safe.
 */
public final class RealisticSeries {
    /** What a series measures. */
    public enum Kind {
        COUNTER,
        CPU_SECONDS,
        GAUGE_FRACTION,
        GAUGE_BYTES,
        GAUGE_STATE,
        BUCKET,
        HISTOGRAM_SUM,
        HISTOGRAM_COUNT
    }

    private final Kind kind;
    private final SplittableRandom random;
    private final double rate;
    private final double share;
    private double value;

    /**
     * @param bucket for {@link Kind#BUCKET}: which bucket (0 = smallest), to give the cumulative share of observations
     * @param buckets for {@link Kind#BUCKET}: how many buckets the histogram has (its +Inf bucket has share 1)
     */
    public RealisticSeries(Kind kind, long seed, int bucket, int buckets) {
        this.kind = kind;
        this.random = new SplittableRandom(seed);
        this.rate = Math.pow(10, random.nextDouble(-3, 3)); // events per second
        this.share = kind == Kind.BUCKET ? Math.min(1, Math.pow((bucket + 1.0) / buckets, 2)) : 1;
        this.value = switch (kind) {
            case COUNTER, BUCKET, HISTOGRAM_COUNT -> Math.floor(random.nextDouble(0, 1e6));
            case CPU_SECONDS -> Math.floor(random.nextDouble(0, 1e6)) / 100;
            case HISTOGRAM_SUM -> random.nextDouble(0, 1e4);
            case GAUGE_FRACTION -> Math.round(random.nextDouble(0, 100) * 10) / 10.0;
            case GAUGE_BYTES -> Math.floor(random.nextDouble(1e6, 1e10) / 4096) * 4096;
            case GAUGE_STATE -> random.nextInt(3) == 0 ? 0 : 1;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** The value at the next scrape, {@code intervalSeconds} after the previous one. */
    public double next(double intervalSeconds) {
        switch (kind) {
            case COUNTER, HISTOGRAM_COUNT -> value += poisson(rate * intervalSeconds);
            case BUCKET -> value += poisson(rate * share * intervalSeconds);
            case CPU_SECONDS -> {
                double busy = Math.min(1, Math.max(0, rate / 1000 + 0.05 * random.nextGaussian()));
                value = Math.round((value + busy * intervalSeconds) * 100) / 100.0;
            }
            case HISTOGRAM_SUM -> {
                long observations = poisson(rate * intervalSeconds);
                for (long i = 0; i < Math.min(observations, 50); i++) {
                    value += random.nextDouble(0.001, 0.5);
                }
            }
            case GAUGE_FRACTION -> {
                if (random.nextInt(4) != 0) {
                    value = Math.max(0, Math.round((value + random.nextGaussian()) * 10) / 10.0);
                }
            }
            case GAUGE_BYTES -> {
                if (random.nextInt(3) != 0) {
                    value = Math.max(0, value + Math.round(random.nextGaussian() * 256) * 4096);
                }
            }
            case GAUGE_STATE -> {
                if (random.nextInt(2000) == 0) {
                    value = 1 - value;
                }
            }
        }
        return value;
    }

    private long poisson(double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        long k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    /**
     * The kind of the {@code i}-th series of a realistic mix: about a third counters, a fifth gauges and the rest
     * histogram series, roughly what node-exporter, kube-state-metrics and instrumented services expose together.
     */
    public static Kind kindOf(int i) {
        int slot = i % 20;
        if (slot < 5) {
            return Kind.COUNTER;
        }
        if (slot < 7) {
            return Kind.CPU_SECONDS;
        }
        if (slot < 9) {
            return Kind.GAUGE_FRACTION;
        }
        if (slot < 10) {
            return Kind.GAUGE_BYTES;
        }
        if (slot < 12) {
            return Kind.GAUGE_STATE;
        }
        if (slot < 18) {
            return Kind.BUCKET;
        }
        return slot == 18 ? Kind.HISTOGRAM_SUM : Kind.HISTOGRAM_COUNT;
    }
}
