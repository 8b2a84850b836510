package dev.vigil.bench.promql;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Storage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data set of the PromQL benchmarks, the same for Vigil and for Prometheus: 6 hours at a 15 s interval (1,440
 * samples per series) of
 *
 * <ul>
 *   <li>{@code x{job, instance}}: 10,000 counters (10 jobs of 1,000 instances), each growing by a series-specific
 *       amount per scrape with deterministic noise;
 *   <li>{@code h_bucket{job, instance, le}}: 10,000 cumulative bucket counters of 1,000 classic histograms (10 jobs of
 *       100 instances, 10 buckets each from {@code le="0.005"} to {@code le="+Inf"}).
 * </ul>
 *
 * Values are a pure function of series and step, so {@link #load} (time by time, as scrapes would arrive) and {@link
 * #writeOpenMetrics} (series by series, for {@code promtool tsdb create-blocks-from openmetrics}) produce the same
 * samples. Run as a program to write the OpenMetrics file or to list the queries:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.promql.QueryBenchData openmetrics data.om
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.promql.QueryBenchData queries
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.promql.QueryBenchData version
 * </pre>
 */
public final class QueryBenchData {
    /** A 2 h boundary (so that both systems cut blocks at the same times), 2023-11-15T00:00:00Z. */
    public static final long START_MS = 1_700_006_400_000L;

    public static final long INTERVAL_MS = 15_000;
    public static final int SAMPLES_PER_SERIES = 6 * 3600 / 15;
    /** Time of the last sample of every series. */
    public static final long END_MS = START_MS + (SAMPLES_PER_SERIES - 1) * INTERVAL_MS;

    static final int JOBS = 10;
    static final int COUNTER_INSTANCES_PER_JOB = 1_000;
    static final int HISTOGRAM_INSTANCES_PER_JOB = 100;
    static final String[] BUCKETS = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    /** Fraction of a histogram's observations at or below each bucket's bound. */
    private static final double[] CUMULATIVE_SHARE = {0.02, 0.05, 0.12, 0.25, 0.45, 0.7, 0.85, 0.94, 0.99, 1.0};

    static final int COUNTERS = JOBS * COUNTER_INSTANCES_PER_JOB;
    static final int HISTOGRAMS = JOBS * HISTOGRAM_INSTANCES_PER_JOB;
    public static final int SERIES = COUNTERS + HISTOGRAMS * BUCKETS.length;

    /** Changes whenever the data changes, so that a cached copy of an older data set is not reused. */
    public static final String VERSION = "v1 " + SERIES + "x" + SAMPLES_PER_SERIES + "@" + START_MS;

    private QueryBenchData() {}

    /** The labels of series {@code s}, {@code 0 <= s < SERIES}: the counters first, then the bucket series. */
    public static Labels labels(int s) {
        if (s < COUNTERS) {
            return Labels.of(
                    "__name__", "x",
                    "job", "job-" + s / COUNTER_INSTANCES_PER_JOB,
                    "instance", "i-" + s % COUNTER_INSTANCES_PER_JOB);
        }
        int h = (s - COUNTERS) / BUCKETS.length;
        return Labels.of(
                "__name__",
                "h_bucket",
                "job",
                "job-" + h / HISTOGRAM_INSTANCES_PER_JOB,
                "instance",
                "i-" + h % HISTOGRAM_INSTANCES_PER_JOB,
                "le",
                BUCKETS[(s - COUNTERS) % BUCKETS.length]);
    }

    /** How much series {@code s} grows from sample {@code i - 1} to sample {@code i}; whole numbers, never negative. */
    static long increment(int s, int i) {
        if (s < COUNTERS) {
            long base = 1 + mix(s, -1) % 200;
            return base + mix(s, i) % (base / 2 + 1);
        }
        int h = (s - COUNTERS) / BUCKETS.length;
        long observations = 20 + mix(h + COUNTERS, i) % 40;
        return (long) Math.floor(observations * CUMULATIVE_SHARE[(s - COUNTERS) % BUCKETS.length]);
    }

    /** The first value of series {@code s}. */
    static long initial(int s) {
        if (s < COUNTERS) {
            return mix(s, -2) % 1_000_000;
        }
        int h = (s - COUNTERS) / BUCKETS.length;
        return (long) Math.floor((mix(h + COUNTERS, -2) % 100_000) * CUMULATIVE_SHARE[(s - COUNTERS) % BUCKETS.length]);
    }

    /** A non-negative pseudo-random number from a series and a step (SplitMix64's finalizer). */
    private static long mix(int s, int i) {
        long z = (((long) s) << 32 ^ (i & 0xffffffffL)) + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    /** Appends the whole data set, one commit per scrape time, as a scrape loop over every series would. */
    public static void load(Storage storage) throws AppendException {
        Labels[] labels = new Labels[SERIES];
        long[] refs = new long[SERIES];
        long[] values = new long[SERIES];
        for (int s = 0; s < SERIES; s++) {
            labels[s] = labels(s);
            values[s] = initial(s);
        }
        for (int i = 0; i < SAMPLES_PER_SERIES; i++) {
            long t = START_MS + i * INTERVAL_MS;
            Appender app = storage.appender();
            for (int s = 0; s < SERIES; s++) {
                if (i > 0) {
                    values[s] += increment(s, i);
                }
                refs[s] = app.append(refs[s], labels[s], t, values[s]);
            }
            app.commit();
        }
    }

    /** Writes the data set as OpenMetrics text, series by series, without metadata lines (all series untyped). */
    public static void writeOpenMetrics(OutputStream out) throws IOException {
        PrintStream w = new PrintStream(new BufferedOutputStream(out, 1 << 20), false, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(96);
        for (int s = 0; s < SERIES; s++) {
            String series = openMetricsSeries(labels(s));
            long v = initial(s);
            for (int i = 0; i < SAMPLES_PER_SERIES; i++) {
                if (i > 0) {
                    v += increment(s, i);
                }
                long seconds = (START_MS + i * INTERVAL_MS) / 1000;
                line.setLength(0);
                line.append(series)
                        .append(' ')
                        .append(v)
                        .append(' ')
                        .append(seconds)
                        .append('\n');
                w.append(line);
            }
        }
        w.append("# EOF\n");
        w.flush();
        if (w.checkError()) {
            throw new IOException("cannot write the OpenMetrics data");
        }
    }

    private static String openMetricsSeries(Labels l) {
        StringBuilder b = new StringBuilder(l.metricName()).append('{');
        boolean first = true;
        for (int i = 0; i < l.size(); i++) {
            if (l.name(i).equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(l.name(i)).append("=\"").append(l.value(i)).append('"');
        }
        return b.append('}').toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("openmetrics")) {
            try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
                writeOpenMetrics(out);
            }
        } else if (args.length == 1 && args[0].equals("version")) {
            System.out.println(VERSION);
        } else if (args.length == 1 && args[0].equals("queries")) {
            for (BenchQuery q : BenchQuery.values()) {
                System.out.println(q.name() + "\t" + q.start() / 1000 + "\t" + q.end() / 1000 + "\t"
                        + q.stepMs() / 1000.0 + "\t" + q.promql());
            }
        } else {
            System.err.println("usage: QueryBenchData openmetrics FILE | queries | version");
            System.exit(2);
        }
    }
}
