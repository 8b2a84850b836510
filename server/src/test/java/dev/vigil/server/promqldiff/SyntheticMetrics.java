package dev.vigil.server.promqldiff;

import dev.vigil.model.metrics.TextExposition;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic OpenMetrics data set that looks like three hours of scrapes of a small cluster: an API tier (four
 * instances, one of them scaled up for an hour only, one restarting, one failing its scrapes for four minutes), two
 * workers (one restarting), and a batch target that disappears after 90 minutes. Families: counters with resets,
 * gauges (one crossing zero, one with occasional NaN), classic histograms and summaries, an info-style metric whose
 * version label changes at a restart.
 *
 * <p>The same seed gives the same file on every JVM ({@link Random} has a specified algorithm). Scrape timestamps
 * carry millisecond jitter chosen so that no sample sits on a whole second or at {@code .777}: the differential test
 * evaluates at {@code .777} and subqueries step on whole seconds, so no sample is ever exactly at the start of a
 * range window, where Prometheus 2.42 (closed windows) and 3.x (left-open) differ. Each timestamp is also one whose
 * seconds spelling survives Prometheus's float conversion ({@code int64(seconds * 1000)}) unchanged; Vigil converts
 * the decimal exactly, so other timestamps would load 1 ms apart.
 */
final class SyntheticMetrics {
    /** 2023-11-30T22:30:00Z: three hours from here cross midnight into December, for the calendar functions. */
    static final long START_MS = 1_701_383_400_000L;

    static final long DURATION_MS = 3 * 3_600_000L;
    static final long END_MS = START_MS + DURATION_MS;

    private static final long MINUTE = 60_000L;
    private static final double[] LATENCY_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, Double.POSITIVE_INFINITY};
    private static final double[] SUMMARY_QUANTILES = {0.5, 0.9, 0.99};
    private static final double[] CPU_SHARES = {0.7, 0.08, 0.22};

    private final long seed;
    private final Map<String, Family> families = new LinkedHashMap<>();
    private long samples;

    private SyntheticMetrics(long seed) {
        this.seed = seed;
        family("up", "gauge", "Whether the target's last scrape succeeded.");
        family("process_start_time_seconds", "gauge", "Start time of the process since the epoch in seconds.");
        family("build_info", "gauge", "Build information of the running binary.");
        family("node_cpu_seconds", "counter", "Seconds the CPUs spent in each mode.");
        family("node_memory_used_bytes", "gauge", "Memory in use.");
        family("node_temperature_celsius", "gauge", "Temperature by sensor.");
        family("http_requests", "counter", "HTTP requests by handler, method and status code.");
        family("http_request_duration_seconds", "histogram", "HTTP request latency.");
        family("http_inflight_requests", "gauge", "Requests being served.");
        family("jobs_processed", "counter", "Jobs processed by queue and outcome.");
        family("job_duration_seconds", "summary", "Job processing time.");
        family("queue_depth", "gauge", "Jobs waiting per queue.");
        family("sensor_reading", "gauge", "A flaky sensor that sometimes reports NaN.");
        family("batch_last_success_timestamp_seconds", "gauge", "When the batch last succeeded.");
        family("batch_records_processed", "counter", "Records the batch processed.");
    }

    /** Generates the data set for {@code seed}. */
    static SyntheticMetrics generate(long seed) {
        SyntheticMetrics m = new SyntheticMetrics(seed);
        for (int i = 0; i < 3; i++) {
            Target api = new Target("api", "api-" + i + ":8080", 15, START_MS, END_MS);
            if (i == 1) {
                api.downBetween(START_MS + 120 * MINUTE, START_MS + 124 * MINUTE);
            }
            if (i == 2) {
                api.restartAt(START_MS + 110 * MINUTE);
            }
            m.simulateApi(api);
        }
        m.simulateApi(new Target("api", "api-3:8080", 15, START_MS + 65 * MINUTE, START_MS + 130 * MINUTE));
        for (int i = 0; i < 2; i++) {
            Target worker = new Target("worker", "worker-" + i + ":9100", 30, START_MS, END_MS);
            if (i == 1) {
                worker.restartAt(START_MS + 140 * MINUTE);
            }
            m.simulateWorker(worker);
        }
        m.simulateBatch(new Target("batch", "batch-0:9091", 15, START_MS, START_MS + 90 * MINUTE));
        return m;
    }

    long samples() {
        return samples;
    }

    /** Writes the OpenMetrics text: one family after the other, each series' points in time order, {@code # EOF}. */
    void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Family f : families.values()) {
                out.write("# TYPE " + f.name + " " + f.type + "\n");
                out.write("# HELP " + f.name + " " + f.help + "\n");
                for (Metric metric : f.metrics.values()) {
                    for (int p = 0; p < metric.times.size(); p++) {
                        String ts = seconds(metric.times.get(p));
                        double[] values = metric.values.get(p);
                        for (int k = 0; k < values.length; k++) {
                            out.write(metric.lines.get(k));
                            out.write(' ');
                            out.write(TextExposition.formatValue(values[k]));
                            out.write(' ');
                            out.write(ts);
                            out.write('\n');
                        }
                    }
                }
            }
            out.write("# EOF\n");
        }
    }

    private void simulateApi(Target t) {
        Random r = t.random(seed);
        List<Long> times = t.scrapeTimes(r);
        CommonState common = new CommonState(t, r, times.get(0));
        String[] handlers = {"/api/v1/query", "/api/v1/query_range"};
        String[] methods = {"GET", "POST"};
        String[] codes = {"200", "400", "500"};
        double[] perSecond = new double[handlers.length * methods.length * codes.length];
        double[] requests = new double[perSecond.length];
        int i = 0;
        for (int h = 0; h < handlers.length; h++) {
            for (String method : methods) {
                for (String code : codes) {
                    perSecond[i] = (h == 0 ? 6 : 2)
                            * (method.equals("GET") ? 1 : 0.4)
                            * (code.equals("200") ? 1 : code.equals("400") ? 0.05 : 0.01);
                    requests[i] = Math.floor(perSecond[i] * common.uptimeSeconds());
                    i++;
                }
            }
        }
        Latencies[] latencies = {new Latencies(-3.2, 60), new Latencies(-2.0, 20)};
        for (Latencies l : latencies) {
            l.prefill(common.uptimeSeconds() / t.intervalSec, r);
        }
        for (long time : times) {
            boolean restarted = t.restartedBefore(time);
            if (restarted) {
                Arrays.fill(requests, 0);
                for (Latencies l : latencies) {
                    l.reset();
                }
            } else if (time != times.get(0)) {
                for (int k = 0; k < requests.length; k++) {
                    requests[k] += Math.floor(perSecond[k] * t.intervalSec * (0.5 + r.nextDouble()));
                }
                for (Latencies l : latencies) {
                    l.observeOneInterval(r);
                }
            }
            if (!common.scrape(time, restarted)) {
                continue;
            }
            i = 0;
            for (int h = 0; h < handlers.length; h++) {
                for (String method : methods) {
                    for (String code : codes) {
                        add(
                                "http_requests",
                                t.labels("code", code, "handler", handlers[h], "method", method),
                                time,
                                "http_requests_total",
                                requests[i++]);
                    }
                }
                addHistogram("http_request_duration_seconds", t.labels("handler", handlers[h]), time, latencies[h]);
            }
            add("http_inflight_requests", t.labels(), time, "http_inflight_requests", r.nextInt(12));
        }
    }

    private void simulateWorker(Target t) {
        Random r = t.random(seed);
        List<Long> times = t.scrapeTimes(r);
        CommonState common = new CommonState(t, r, times.get(0));
        String[] queues = {"high", "low"};
        double[] donePerSecond = {40.0 / 30, 15.0 / 30};
        double[][] processed = new double[queues.length][2];
        double[] durationSum = new double[queues.length];
        double[] durationCount = new double[queues.length];
        for (int q = 0; q < queues.length; q++) {
            processed[q][0] = Math.floor(donePerSecond[q] * common.uptimeSeconds());
            processed[q][1] = Math.floor(processed[q][0] / 150);
            durationCount[q] = processed[q][0] + processed[q][1];
            durationSum[q] = durationCount[q] * (q == 0 ? 0.2 : 1.5) * 1.25;
        }
        double[] depth = {20, 150};
        int scrape = 0;
        for (long time : times) {
            boolean restarted = t.restartedBefore(time);
            boolean counting = !restarted && time != times.get(0);
            if (restarted) {
                for (double[] p : processed) {
                    Arrays.fill(p, 0);
                }
                Arrays.fill(durationSum, 0);
                Arrays.fill(durationCount, 0);
            }
            common.scrape(time, restarted);
            for (int q = 0; q < queues.length; q++) {
                if (counting) {
                    double done = Math.floor(donePerSecond[q] * t.intervalSec * (0.6 + 0.8 * r.nextDouble()));
                    double failed = r.nextInt(10) == 0 ? 1 + r.nextInt(3) : 0;
                    processed[q][0] += done;
                    processed[q][1] += failed;
                    durationCount[q] += done + failed;
                    durationSum[q] += (done + failed) * (q == 0 ? 0.2 : 1.5) * (1.1 + 0.3 * r.nextDouble());
                }
                add(
                        "jobs_processed",
                        t.labels("outcome", "ok", "queue", queues[q]),
                        time,
                        "jobs_processed_total",
                        processed[q][0]);
                add(
                        "jobs_processed",
                        t.labels("outcome", "failed", "queue", queues[q]),
                        time,
                        "jobs_processed_total",
                        processed[q][1]);
                double base = q == 0 ? 0.2 : 1.5;
                double[] quantiles = new double[SUMMARY_QUANTILES.length];
                for (int k = 0; k < quantiles.length; k++) {
                    quantiles[k] = base * (1 + 2.5 * k) * (0.8 + 0.4 * r.nextDouble());
                }
                addSummary(
                        "job_duration_seconds",
                        t.labels("queue", queues[q]),
                        time,
                        quantiles,
                        durationSum[q],
                        durationCount[q]);
                depth[q] = Math.max(0, depth[q] + Math.round(r.nextGaussian() * (q == 0 ? 3 : 12)));
                add("queue_depth", t.labels("queue", queues[q]), time, "queue_depth", depth[q]);
            }
            double reading = scrape % 23 == 7 ? Double.NaN : 50 + 10 * Math.sin(scrape / 17.0) + r.nextGaussian();
            add("sensor_reading", t.labels("sensor", "flaky"), time, "sensor_reading", reading);
            scrape++;
        }
    }

    private void simulateBatch(Target t) {
        Random r = t.random(seed);
        List<Long> times = t.scrapeTimes(r);
        CommonState common = new CommonState(t, r, times.get(0));
        double records = 2_500_000;
        double lastSuccess = (START_MS - 47 * MINUTE) / 1000.0;
        for (long time : times) {
            common.scrape(time, t.restartedBefore(time));
            if (r.nextInt(8) == 0) {
                records += 1000 + r.nextInt(5000);
                lastSuccess = Math.floor(time / 1000.0);
            }
            add("batch_records_processed", t.labels(), time, "batch_records_processed_total", records);
            add(
                    "batch_last_success_timestamp_seconds",
                    t.labels(),
                    time,
                    "batch_last_success_timestamp_seconds",
                    lastSuccess);
        }
    }

    /** A latency histogram with log-normally distributed observations: cumulative buckets, sum and count. */
    private static final class Latencies {
        private final double mu;
        private final int maxPerInterval;
        private final double[] buckets = new double[LATENCY_BUCKETS.length];
        private double sum;
        private double count;

        Latencies(double mu, int maxPerInterval) {
            this.mu = mu;
            this.maxPerInterval = maxPerInterval;
        }

        /** Counts as if the process had run for {@code intervals} scrape intervals, from a sample of observations. */
        void prefill(double intervals, Random r) {
            double n = Math.floor(intervals * (5 + maxPerInterval / 2.0));
            if (n == 0) {
                return;
            }
            int sampleSize = 2000;
            double[] sampleBuckets = new double[buckets.length];
            double sampleSum = 0;
            for (int k = 0; k < sampleSize; k++) {
                double latency = draw(r);
                sampleSum += latency;
                for (int b = 0; b < buckets.length; b++) {
                    if (latency <= LATENCY_BUCKETS[b]) {
                        sampleBuckets[b]++;
                    }
                }
            }
            for (int b = 0; b < buckets.length; b++) {
                buckets[b] = Math.floor(n * sampleBuckets[b] / sampleSize);
            }
            buckets[buckets.length - 1] = n;
            count = n;
            sum = n * sampleSum / sampleSize;
        }

        void observeOneInterval(Random r) {
            int observations = 5 + r.nextInt(maxPerInterval);
            for (int o = 0; o < observations; o++) {
                double latency = draw(r);
                sum += latency;
                count++;
                for (int b = 0; b < buckets.length; b++) {
                    if (latency <= LATENCY_BUCKETS[b]) {
                        buckets[b]++;
                    }
                }
            }
        }

        void reset() {
            Arrays.fill(buckets, 0);
            sum = 0;
            count = 0;
        }

        private double draw(Random r) {
            return Math.exp(r.nextGaussian() * 0.9 + mu);
        }
    }

    /** The series every target has: up, process start, build info, CPU, memory and temperatures. */
    private final class CommonState {
        private final Target target;
        private final Random r;
        private final double[][] cpu = new double[2][3];
        private final double memoryBase;
        private final double uptimeSeconds;
        private long startedAtSec;
        private int generation;

        /**
         * A target that exists when the data starts has been up for hours to a day, and its counters have counted
         * all that time; a target that appears later (scaled up) started just before its first scrape and has
         * counted nothing yet.
         */
        CommonState(Target target, Random r, long firstScrape) {
            this.target = target;
            this.r = r;
            this.memoryBase = 1.5e9 + r.nextInt(1_000_000) * 1000.0;
            boolean runningBefore = target.firstMs == START_MS;
            long startedAtMs =
                    runningBefore ? target.firstMs - 3 * 3_600_000L - r.nextInt(86_400) * 1000L : firstScrape - 3000;
            this.startedAtSec = startedAtMs / 1000;
            this.uptimeSeconds = runningBefore ? (firstScrape - startedAtMs) / 1000.0 : 0;
            for (int c = 0; c < cpu.length; c++) {
                for (int m = 0; m < cpu[c].length; m++) {
                    cpu[c][m] = round(uptimeSeconds * CPU_SHARES[m], 100);
                }
            }
        }

        double uptimeSeconds() {
            return uptimeSeconds;
        }

        /** Writes the common series at {@code time}; false when the scrape failed (only {@code up} is written). */
        boolean scrape(long time, boolean restarted) {
            if (restarted) {
                generation++;
                startedAtSec = time / 1000 - 3;
                for (double[] c : cpu) {
                    Arrays.fill(c, 0);
                }
            } else if (time > target.firstScrape) {
                for (double[] c : cpu) {
                    for (int m = 0; m < c.length; m++) {
                        c[m] = round(c[m] + target.intervalSec * CPU_SHARES[m] * (0.8 + 0.4 * r.nextDouble()), 100);
                    }
                }
            }
            boolean up = !target.isDown(time);
            add("up", target.labels(), time, "up", up ? 1 : 0);
            if (!up) {
                return false;
            }
            add("process_start_time_seconds", target.labels(), time, "process_start_time_seconds", startedAtSec);
            String version = generation == 0 ? "1.4.0" : "1.4.1";
            add("build_info", target.labels("goversion", "go1.21.4", "version", version), time, "build_info", 1);
            String[] modes = {"idle", "system", "user"};
            for (int c = 0; c < cpu.length; c++) {
                for (int m = 0; m < modes.length; m++) {
                    add(
                            "node_cpu_seconds",
                            target.labels("cpu", Integer.toString(c), "mode", modes[m]),
                            time,
                            "node_cpu_seconds_total",
                            cpu[c][m]);
                }
            }
            double hours = (time - START_MS) / 3_600_000.0;
            double memory = Math.floor(memoryBase + hours * 2.0e8 + r.nextInt(10_000_000));
            add("node_memory_used_bytes", target.labels(), time, "node_memory_used_bytes", memory);
            add(
                    "node_temperature_celsius",
                    target.labels("sensor", "cpu"),
                    time,
                    "node_temperature_celsius",
                    round(55 + 8 * Math.sin(hours * 2) + 2 * r.nextGaussian(), 10));
            add(
                    "node_temperature_celsius",
                    target.labels("sensor", "ambient"),
                    time,
                    "node_temperature_celsius",
                    round(-1.5 + 2 * Math.cos(hours * 1.3) + 0.3 * r.nextGaussian(), 100));
            return true;
        }
    }

    private void add(String family, String labels, long time, String sampleName, double value) {
        Metric m = families.get(family).metric(labels, () -> List.of(series(sampleName, labels)));
        m.add(time, new double[] {value});
        samples++;
    }

    private void addHistogram(String family, String labels, long time, Latencies latencies) {
        Metric m = families.get(family).metric(labels, () -> {
            List<String> lines = new ArrayList<>();
            for (double le : LATENCY_BUCKETS) {
                lines.add(series(family + "_bucket", join(labels, "le=\"" + labelValue(le) + "\"")));
            }
            lines.add(series(family + "_count", labels));
            lines.add(series(family + "_sum", labels));
            return lines;
        });
        double[] values = new double[LATENCY_BUCKETS.length + 2];
        System.arraycopy(latencies.buckets, 0, values, 0, LATENCY_BUCKETS.length);
        values[LATENCY_BUCKETS.length] = latencies.count;
        values[LATENCY_BUCKETS.length + 1] = latencies.sum;
        m.add(time, values);
        samples += values.length;
    }

    private void addSummary(String family, String labels, long time, double[] quantiles, double sum, double count) {
        Metric m = families.get(family).metric(labels, () -> {
            List<String> lines = new ArrayList<>();
            for (double q : SUMMARY_QUANTILES) {
                lines.add(series(family, join(labels, "quantile=\"" + labelValue(q) + "\"")));
            }
            lines.add(series(family + "_count", labels));
            lines.add(series(family + "_sum", labels));
            return lines;
        });
        double[] values = new double[quantiles.length + 2];
        System.arraycopy(quantiles, 0, values, 0, quantiles.length);
        values[quantiles.length] = count;
        values[quantiles.length + 1] = sum;
        m.add(time, values);
        samples += values.length;
    }

    private void family(String name, String type, String help) {
        families.put(name, new Family(name, type, help));
    }

    private static String series(String name, String labels) {
        return labels.isEmpty() ? name : name + "{" + labels + "}";
    }

    private static String join(String labels, String more) {
        return labels.isEmpty() ? more : labels + "," + more;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    /**
     * The canonical OpenMetrics spelling of {@code le} and {@code quantile} values ({@code 1.0}, not {@code 1}).
     * Prometheus 3 rewrites other spellings to it while parsing, as Vigil does; 2.42 stores them as written.
     */
    static String labelValue(double v) {
        return Double.isInfinite(v) ? TextExposition.formatValue(v) : Double.toString(v);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }

    /**
     * Whether Prometheus reads {@code ms} back from its seconds spelling: its OpenMetrics parser computes
     * {@code int64(seconds * 1000)} in float64, which truncates some decimals to the millisecond below.
     */
    static boolean survivesFloatSeconds(long ms) {
        double parsed = Double.parseDouble(seconds(ms));
        return (long) (parsed * 1000) == ms;
    }

    private record Family(String name, String type, String help, Map<String, Metric> metrics) {
        Family(String name, String type, String help) {
            this(name, type, help, new LinkedHashMap<>());
        }

        Metric metric(String labels, java.util.function.Supplier<List<String>> lines) {
            return metrics.computeIfAbsent(labels, l -> new Metric(lines.get()));
        }
    }

    /** One labelled metric of a family: its sample lines (one for a counter, buckets+count+sum for a histogram). */
    private record Metric(List<String> lines, List<Long> times, List<double[]> values) {
        Metric(List<String> lines) {
            this(lines, new ArrayList<>(), new ArrayList<>());
        }

        void add(long time, double[] point) {
            times.add(time);
            values.add(point);
        }
    }

    /** A scrape target: job, instance, interval, lifetime, restarts and a failing window. */
    private static final class Target {
        final String job;
        final String instance;
        final int intervalSec;
        final long firstMs;
        final long endMs;
        private final List<Long> restarts = new ArrayList<>();
        private long downFrom = Long.MAX_VALUE;
        private long downUntil = Long.MIN_VALUE;
        private long previousScrape = Long.MIN_VALUE;
        long firstScrape = Long.MAX_VALUE;

        Target(String job, String instance, int intervalSec, long firstMs, long endMs) {
            this.job = job;
            this.instance = instance;
            this.intervalSec = intervalSec;
            this.firstMs = firstMs;
            this.endMs = endMs;
        }

        void restartAt(long ms) {
            restarts.add(ms);
        }

        void downBetween(long from, long until) {
            downFrom = from;
            downUntil = until;
        }

        boolean isDown(long time) {
            return time >= downFrom && time < downUntil;
        }

        /** True once per restart: at the first scrape at or after it. Call once per scrape, in time order. */
        boolean restartedBefore(long time) {
            boolean restarted = false;
            for (long restart : restarts) {
                if (previousScrape < restart && time >= restart) {
                    restarted = true;
                }
            }
            previousScrape = time;
            return restarted;
        }

        Random random(long seed) {
            return new Random(seed * 31 + instance.hashCode());
        }

        /** Scrape times: a fixed per-target offset within the interval plus ±20 ms jitter. */
        List<Long> scrapeTimes(Random r) {
            long intervalMs = intervalSec * 1000L;
            long offset = 1000 + r.nextInt((int) intervalMs - 2000);
            List<Long> times = new ArrayList<>();
            for (long base = firstMs; base + offset < endMs; base += intervalMs) {
                long t = base + offset + r.nextInt(41) - 20;
                while (t % 1000 == 0 || t % 1000 == 777 || !survivesFloatSeconds(t)) {
                    t++;
                }
                times.add(t);
            }
            firstScrape = times.get(0);
            return times;
        }

        /** {@code job="...",instance="..."} followed by the given name/value pairs. */
        String labels(String... nameValues) {
            StringBuilder b = new StringBuilder();
            b.append("instance=\"")
                    .append(instance)
                    .append("\",job=\"")
                    .append(job)
                    .append('"');
            for (int i = 0; i < nameValues.length; i += 2) {
                b.append(',')
                        .append(nameValues[i])
                        .append("=\"")
                        .append(nameValues[i + 1])
                        .append('"');
            }
            return b.toString();
        }
    }
}
