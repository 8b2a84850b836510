package dev.vigil.bench.textparse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a deterministic scrape body shaped like node-exporter's /metrics: about 2,000 series
 * in families with HELP/TYPE lines, 0 to 4 labels per series, a summary and a classic histogram,
 * values written the way Go prints floats (integers, decimals, exponents).
 */
final class NodeExporterBody {
    private final StringBuilder out = new StringBuilder(256 * 1024);
    private final boolean openMetrics;
    private final Random random = new Random(20240618);
    private int series;

    private NodeExporterBody(boolean openMetrics) {
        this.openMetrics = openMetrics;
    }

    /** The body and the number of samples in it. */
    record Body(byte[] bytes, int samples) {}

    static Body text() {
        return new NodeExporterBody(false).build();
    }

    static Body openMetrics() {
        return new NodeExporterBody(true).build();
    }

    private Body build() {
        String[] cpus = range("", 16);
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        summary("go_gc_duration_seconds", "A summary of the pause duration of garbage collection cycles.");
        for (String g : new String[] {
            "go_goroutines",
            "go_threads",
            "go_memstats_alloc_bytes",
            "go_memstats_heap_idle_bytes",
            "go_memstats_heap_inuse_bytes",
            "go_memstats_heap_objects",
            "go_memstats_stack_inuse_bytes",
            "go_memstats_sys_bytes",
            "process_open_fds",
            "process_max_fds",
            "process_resident_memory_bytes",
            "process_virtual_memory_bytes",
            "process_start_time_seconds",
            "node_load1",
            "node_load5",
            "node_load15"
        }) {
            family(g, "gauge", "Gauge " + g + ".");
            sample(g, "");
        }
        family("node_cpu_seconds_total", "counter", "Seconds the CPUs spent in each mode.");
        for (String cpu : cpus) {
            for (String mode : modes) {
                sample("node_cpu_seconds_total", "cpu=\"" + cpu + "\",mode=\"" + mode + "\"");
            }
        }
        String[] disks = {"nvme0n1", "nvme1n1", "sda", "sdb", "dm-0", "dm-1", "loop0", "loop1"};
        for (String m : new String[] {
            "reads_completed", "reads_merged", "read_bytes", "read_time_seconds", "writes_completed",
            "writes_merged", "written_bytes", "write_time_seconds", "io_time_seconds", "io_time_weighted_seconds",
            "discards_completed", "discards_merged", "discarded_sectors", "discard_time_seconds", "flush_requests",
            "flush_requests_time_seconds"
        }) {
            String name = "node_disk_" + m + "_total";
            family(name, "counter", "The total number of " + m.replace('_', ' ') + ".");
            for (String d : disks) {
                sample(name, "device=\"" + d + "\"");
            }
        }
        String[][] mounts = {
            {"/dev/nvme0n1p2", "ext4", "/"},
            {"/dev/nvme0n1p1", "vfat", "/boot/efi"},
            {"tmpfs", "tmpfs", "/run"},
            {"tmpfs", "tmpfs", "/run/lock"},
            {"tmpfs", "tmpfs", "/run/user/1000"},
            {"/dev/nvme1n1", "xfs", "/data"},
            {"overlay", "overlay", "/var/lib/docker/overlay2/3f1c/merged"},
            {"shm", "tmpfs", "/dev/shm"},
            {"/dev/sda1", "ext4", "/backup"},
            {"/dev/sdb1", "ext4", "/archive"},
            {"nsfs", "nsfs", "/run/netns/cni-1"},
            {"/dev/dm-0", "ext4", "/home"}
        };
        for (String m : new String[] {
            "avail_bytes", "free_bytes", "size_bytes", "files", "files_free", "readonly", "device_error"
        }) {
            String name = "node_filesystem_" + m;
            family(name, "gauge", "Filesystem " + m.replace('_', ' ') + ".");
            for (String[] mount : mounts) {
                sample(name, "device=\"" + mount[0] + "\",fstype=\"" + mount[1] + "\",mountpoint=\"" + mount[2] + "\"");
            }
        }
        String[] devices = range("veth", 16);
        for (String m : new String[] {
            "receive_bytes",
            "receive_packets",
            "receive_errs",
            "receive_drop",
            "receive_fifo",
            "receive_frame",
            "receive_compressed",
            "receive_multicast",
            "transmit_bytes",
            "transmit_packets",
            "transmit_errs",
            "transmit_drop",
            "transmit_fifo",
            "transmit_colls",
            "transmit_carrier",
            "transmit_compressed"
        }) {
            String name = "node_network_" + m + "_total";
            family(name, "counter", "Network device statistic " + m + ".");
            for (String d : devices) {
                sample(name, "device=\"" + d + "\"");
            }
            sample(name, "device=\"eth0\"");
            sample(name, "device=\"lo\"");
            sample(name, "device=\"docker0\"");
            sample(name, "device=\"cni0\"");
        }
        for (int i = 0; i < 90; i++) {
            String name = "node_netstat_" + (i % 3 == 0 ? "Tcp" : i % 3 == 1 ? "Udp" : "IpExt") + "_Stat" + i;
            family(name, "untyped", "Statistic " + name + ".");
            sample(name, "");
        }
        for (int i = 0; i < 50; i++) {
            String name = "node_memory_Field" + i + "_bytes";
            family(name, "gauge", "Memory information field Field" + i + "_bytes.");
            sample(name, "");
        }
        family("node_hwmon_temp_celsius", "gauge", "Hardware monitor for temperature (input)");
        for (int i = 0; i < 20; i++) {
            sample("node_hwmon_temp_celsius", "chip=\"platform_coretemp_0\",sensor=\"temp" + (i + 1) + "\"");
        }
        family("node_interrupts_total", "counter", "Interrupt details.");
        for (int t = 0; t < 40; t++) {
            for (String cpu : cpus) {
                sample(
                        "node_interrupts_total",
                        "cpu=\"" + cpu + "\",devices=\"nvme" + (t % 4) + "q" + t + "\",info=\"IR-PCI-MSI-edge\",type=\""
                                + (120 + t) + "\"");
            }
        }
        for (String m : new String[] {"processed", "dropped", "times_squeezed"}) {
            String name = "node_softnet_" + m + "_total";
            family(name, "counter", "Number of " + m + " packets.");
            for (String cpu : cpus) {
                sample(name, "cpu=\"" + cpu + "\"");
            }
        }
        histogram("prometheus_http_request_duration_seconds", "Histogram of latencies for HTTP requests.");
        for (String m : new String[] {"running_seconds", "waiting_seconds", "timeslices"}) {
            String name = "node_schedstat_" + m + "_total";
            family(name, "counter", "Number of " + m + ".");
            for (String cpu : cpus) {
                sample(name, "cpu=\"" + cpu + "\"");
            }
        }
        family("node_systemd_unit_state", "gauge", "Systemd unit");
        String[] states = {"activating", "active", "deactivating", "failed", "inactive"};
        for (int u = 0; u < 60; u++) {
            for (String state : states) {
                sample(
                        "node_systemd_unit_state",
                        "name=\"unit-" + u + ".service\",state=\"" + state + "\",type=\"simple\"");
            }
        }
        if (openMetrics) {
            out.append("# EOF\n");
        }
        return new Body(out.toString().getBytes(StandardCharsets.UTF_8), series);
    }

    private void family(String name, String type, String help) {
        String familyName = openMetrics && type.equals("counter") ? name.substring(0, name.length() - 6) : name;
        String familyType = openMetrics && type.equals("untyped") ? "unknown" : type;
        out.append("# HELP ").append(familyName).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(familyName).append(' ').append(familyType).append('\n');
    }

    private void sample(String name, String labels) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(goFloat()).append('\n');
        series++;
    }

    private void summary(String name, String help) {
        family(name, "summary", help);
        for (String q : new String[] {"0", "0.25", "0.5", "0.75", "1"}) {
            sample(name, "quantile=\"" + q + "\"");
        }
        sample(name + "_sum", "");
        sample(name + "_count", "");
    }

    private void histogram(String name, String help) {
        family(name, "histogram", help);
        String[] les = {"0.1", "0.2", "0.4", "1", "3", "8", "20", "60", "120", "+Inf"};
        for (String handler :
                new String[] {"/api/v1/query", "/api/v1/query_range", "/metrics", "/-/ready", "/federate"}) {
            for (String le : les) {
                sample(name + "_bucket", "handler=\"" + handler + "\",le=\"" + le + "\"");
            }
            sample(name + "_sum", "handler=\"" + handler + "\"");
            sample(name + "_count", "handler=\"" + handler + "\"");
        }
    }

    /** Values as Go's %g would print node-exporter readings: counts, decimals, big exponents. */
    private String goFloat() {
        return switch (random.nextInt(5)) {
            case 0 -> Integer.toString(random.nextInt(100_000));
            case 1 -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1e6);
            case 2 -> trimExponent(String.format(Locale.ROOT, "%.7e", random.nextDouble() * 1e11));
            case 3 -> Double.toString(random.nextDouble());
            default -> "0";
        };
    }

    private static String trimExponent(String s) {
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + s.substring(e);
    }

    private static String[] range(String prefix, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = prefix + i;
        }
        return out;
    }
}
