package dev.vigil.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes an OpenMetrics file of realistic series ({@link RealisticSeries}) scraped every interval over a span of
 * hours, for the storage comparison with Prometheus ({@code bench/e2e-storage.sh}). Families follow each other, each
 * laid out time-major as an exposition history is; timestamps are those of a scrape loop (a fixed offset per
 * target, one in ten a few milliseconds late).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.vigil.bench.OpenMetricsGenerator --series 2000 --hours 12 --out data.om
 * </pre>
 */
public final class OpenMetricsGenerator {
    private static final String[] MODES = {"idle", "user", "system", "iowait"};
    private static final String[] CODES = {"200", "404", "500", "503"};
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private OpenMetricsGenerator() {}

    /** One series of a family: its label text and its values. */
    private record Member(String name, String labels, RealisticSeries series, int target) {}

    /** A metric family: a TYPE line and members written time-major. */
    private record Family(String name, String type, List<Member> members) {}

    public static void main(String[] args) throws IOException {
        int series = 2000;
        double hours = 12;
        int interval = 15;
        long start = 1_700_000_000_000L;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--series" -> series = Integer.parseInt(args[++i]);
                case "--hours" -> hours = Double.parseDouble(args[++i]);
                case "--interval" -> interval = Integer.parseInt(args[++i]);
                case "--start" -> start = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: --series N --hours H [--interval SECONDS] [--start MS] --out FILE");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        List<Family> families = families(series);
        long samples = write(out, families, start, (long) (hours * 3_600_000), interval * 1000L);
        int count = families.stream().mapToInt(f -> f.members().size()).sum();
        System.out.println("wrote " + out + ": " + count + " series, " + samples + " samples");
    }

    static List<Family> families(int wanted) {
        List<Member> requests = new ArrayList<>();
        List<Member> cpu = new ArrayList<>();
        List<Member> temperature = new ArrayList<>();
        List<Member> memory = new ArrayList<>();
        List<Member> ready = new ArrayList<>();
        List<Member> latency = new ArrayList<>();
        int total = 0;
        long seed = 1;
        for (int target = 0; total < wanted; target++) {
            String instance = "instance=\"10.1." + (target / 250) + "." + (target % 250) + ":9100\"";
            for (int h = 0; h < 5; h++) {
                for (String code : CODES) {
                    requests.add(new Member(
                            "app_requests_total",
                            "code=\"" + code + "\",handler=\"/api/v1/items" + h + "\"," + instance + ",job=\"app\"",
                            new RealisticSeries(RealisticSeries.Kind.COUNTER, seed++, 0, 0),
                            target));
                }
            }
            for (int c = 0; c < 8; c++) {
                for (String mode : MODES) {
                    cpu.add(new Member(
                            "node_cpu_seconds_total",
                            "cpu=\"" + c + "\"," + instance + ",job=\"node\",mode=\"" + mode + "\"",
                            new RealisticSeries(RealisticSeries.Kind.CPU_SECONDS, seed++, 0, 0),
                            target));
                }
            }
            for (int s = 0; s < 10; s++) {
                temperature.add(new Member(
                        "node_hwmon_temp_celsius",
                        "chip=\"platform_coretemp_0\"," + instance + ",job=\"node\",sensor=\"temp" + s + "\"",
                        new RealisticSeries(RealisticSeries.Kind.GAUGE_FRACTION, seed++, 0, 0),
                        target));
                memory.add(new Member(
                        "container_memory_working_set_bytes",
                        "container=\"app-" + s + "\"," + instance + ",job=\"kubelet\",namespace=\"default\"",
                        new RealisticSeries(RealisticSeries.Kind.GAUGE_BYTES, seed++, 0, 0),
                        target));
            }
            for (int p = 0; p < 20; p++) {
                ready.add(new Member(
                        "kube_pod_status_ready",
                        "condition=\"true\"," + instance + ",job=\"kube-state-metrics\",pod=\"app-" + target + "-" + p
                                + "\"",
                        new RealisticSeries(RealisticSeries.Kind.GAUGE_STATE, seed++, 0, 0),
                        target));
            }
            for (int h = 0; h < 3; h++) {
                String base = "handler=\"/api/v1/items" + h + "\"," + instance + ",job=\"app\"";
                for (int b = 0; b <= BUCKETS.length; b++) {
                    String le = b == BUCKETS.length ? "+Inf" : Double.toString(BUCKETS[b]);
                    latency.add(new Member(
                            "http_request_duration_seconds_bucket",
                            base + ",le=\"" + le + "\"",
                            new RealisticSeries(RealisticSeries.Kind.BUCKET, seed, b, BUCKETS.length + 1),
                            target));
                }
                latency.add(new Member(
                        "http_request_duration_seconds_sum",
                        base,
                        new RealisticSeries(RealisticSeries.Kind.HISTOGRAM_SUM, seed, 0, 0),
                        target));
                latency.add(new Member(
                        "http_request_duration_seconds_count",
                        base,
                        new RealisticSeries(RealisticSeries.Kind.HISTOGRAM_COUNT, seed++, 0, 0),
                        target));
            }
            total = requests.size() + cpu.size() + temperature.size() + memory.size() + ready.size() + latency.size();
        }
        return List.of(
                new Family("app_requests", "counter", requests),
                new Family("node_cpu_seconds", "counter", cpu),
                new Family("node_hwmon_temp_celsius", "gauge", temperature),
                new Family("container_memory_working_set_bytes", "gauge", memory),
                new Family("kube_pod_status_ready", "gauge", ready),
                new Family("http_request_duration_seconds", "histogram", latency));
    }

    private static long write(Path out, List<Family> families, long start, long span, long interval)
            throws IOException {
        long samples = 0;
        try (BufferedWriter w = new BufferedWriter(
                new java.io.OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder line = new StringBuilder(256);
            for (Family family : families) {
                w.append("# TYPE ")
                        .append(family.name())
                        .append(' ')
                        .append(family.type())
                        .append('\n');
                for (long t = 0; t < span; t += interval) {
                    for (Member m : family.members()) {
                        long offset = (m.target() * 7919L) % interval;
                        long ts = start + t + offset + lateness(m.target(), t);
                        double v = m.series().next(interval / 1000.0);
                        line.setLength(0);
                        line.append(m.name()).append('{').append(m.labels()).append("} ");
                        appendValue(line, v);
                        line.append(' ').append(ts / 1000).append('.');
                        long millis = ts % 1000;
                        line.append((char) ('0' + millis / 100))
                                .append((char) ('0' + millis / 10 % 10))
                                .append((char) ('0' + millis % 10))
                                .append('\n');
                        w.append(line);
                        samples++;
                    }
                }
            }
            w.append("# EOF\n");
        }
        return samples;
    }

    /** A scrape's delay: one in ten scrapes of a target is 1 to 5 ms late; all its series share it. */
    private static long lateness(int target, long t) {
        SplittableRandom random = new SplittableRandom(target * 1_000_003L + t);
        return random.nextInt(10) == 0 ? random.nextInt(1, 6) : 0;
    }

    private static void appendValue(StringBuilder out, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(String.format(Locale.ROOT, "%s", v));
        }
    }
}
