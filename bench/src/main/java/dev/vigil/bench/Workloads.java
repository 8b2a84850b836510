package dev.vigil.bench;

import java.util.SplittableRandom;

/**
 * Synthetic but realistic series for chunk benchmarks: 120 samples (30 minutes at a 15 s interval) per chunk, with
 * scrape timestamps that are mostly exact and sometimes a few milliseconds late.
 */
public final class Workloads {
    public static final int SAMPLES_PER_CHUNK = 120;
    public static final long INTERVAL_MS = 15_000;

    /** The kinds of series. */
    public enum Kind {
        /** Counters increasing by noisy amounts around a per-series rate of 0.01 to 1000 per second. */
        COUNTER,
        /** Half fractional gauges with noise (CPU ratios, temperatures), half integer gauges (bytes, counts). */
        GAUGE,
        /** A classic histogram: 11 cumulative bucket counters, a fractional _sum and an integer _count. */
        HISTOGRAM,
        /** 40% counters, 20% gauges, 40% histogram series, roughly what a Kubernetes node exports. */
        MIX
    }

    private Workloads() {}

    /** Timestamps for {@code chunks} chunks, {@code [chunk][sample]}. */
    public static long[][] timestamps(int chunks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[][] out = new long[chunks][SAMPLES_PER_CHUNK];
        for (int c = 0; c < chunks; c++) {
            long t = 1_700_000_000_000L + random.nextLong(INTERVAL_MS);
            for (int i = 0; i < SAMPLES_PER_CHUNK; i++) {
                out[c][i] = t + (random.nextInt(10) == 0 ? random.nextInt(1, 6) : 0);
                t += INTERVAL_MS;
            }
        }
        return out;
    }

    /** Values for {@code chunks} chunks of the given kind, {@code [chunk][sample]}. */
    public static double[][] values(Kind kind, int chunks, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[chunks][];
        for (int c = 0; c < chunks; c++) {
            out[c] = switch (kind) {
                case COUNTER -> counter(random);
                case GAUGE -> gauge(random);
                case HISTOGRAM -> histogramSeries(random, c % 13);
                case MIX -> {
                    int pick = random.nextInt(10);
                    yield pick < 4 ? counter(random) : pick < 6 ? gauge(random) : histogramSeries(random, c % 13);
                }
            };
        }
        return out;
    }

    private static double[] counter(SplittableRandom random) {
        double ratePerSecond = Math.pow(10, random.nextDouble(-2, 3));
        double v = Math.floor(random.nextDouble(0, 1e7));
        double[] out = new double[SAMPLES_PER_CHUNK];
        for (int i = 0; i < out.length; i++) {
            double expected = ratePerSecond * INTERVAL_MS / 1000;
            v += Math.max(0, Math.round(expected * (1 + 0.2 * random.nextGaussian())));
            out[i] = v;
        }
        return out;
    }

    private static double[] gauge(SplittableRandom random) {
        double[] out = new double[SAMPLES_PER_CHUNK];
        boolean fractional = random.nextBoolean();
        double level = fractional ? random.nextDouble(0, 100) : Math.floor(random.nextDouble(1e6, 1e10));
        for (int i = 0; i < out.length; i++) {
            if (fractional) {
                level = Math.max(0, level + random.nextGaussian());
                out[i] = Math.round(level * 1000) / 1000.0;
            } else {
                level = Math.max(0, level + Math.round(random.nextGaussian() * 4096) * 4096);
                out[i] = level;
            }
        }
        return out;
    }

    /** Series {@code which} of a histogram: 0..10 buckets, 11 is _sum, 12 is _count. */
    private static double[] histogramSeries(SplittableRandom random, int which) {
        double[] out = new double[SAMPLES_PER_CHUNK];
        double bucketShare = which >= 11 ? 1 : Math.min(1, 0.05 * (which + 1) * (which + 1) / 6.0);
        double rate = Math.pow(10, random.nextDouble(-1, 2));
        double count = Math.floor(random.nextDouble(0, 1e5));
        double sum = count * 0.25;
        for (int i = 0; i < out.length; i++) {
            long observations = Math.max(0, Math.round(rate * 15 * (1 + 0.3 * random.nextGaussian())));
            count += Math.round(observations * bucketShare);
            sum += observations * random.nextDouble(0.01, 0.5);
            out[i] = which == 11 ? sum : count;
        }
        return out;
    }
}
