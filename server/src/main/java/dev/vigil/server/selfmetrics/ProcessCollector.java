package dev.vigil.server.selfmetrics;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.vigil.model.metrics.Collector;
import dev.vigil.model.metrics.MetricType;
import dev.vigil.model.metrics.SampleWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The standard {@code process_*} metrics every Prometheus client exports: CPU time, resident and
 * virtual memory, open and maximum file descriptors, start time. Memory comes from {@code
 * /proc/self/status} where it exists (Linux); elsewhere those two families are left out.
 */
public final class ProcessCollector implements Collector {
    private final Path procStatus;

    public ProcessCollector() {
        this(Path.of("/proc/self/status"));
    }

    ProcessCollector(Path procStatus) {
        this.procStatus = procStatus;
    }

    @Override
    public void collect(SampleWriter writer) {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof OperatingSystemMXBean sunOs) {
            writer.family(
                    "process_cpu_seconds_total",
                    "Total user and system CPU time spent in seconds.",
                    MetricType.COUNTER);
            writer.sample("process_cpu_seconds_total", sunOs.getProcessCpuTime() / 1e9);
        }
        if (os instanceof UnixOperatingSystemMXBean unix) {
            writer.family("process_open_fds", "Number of open file descriptors.", MetricType.GAUGE);
            writer.sample("process_open_fds", unix.getOpenFileDescriptorCount());
            writer.family("process_max_fds", "Maximum number of open file descriptors.", MetricType.GAUGE);
            writer.sample("process_max_fds", unix.getMaxFileDescriptorCount());
        }
        long[] memory = readMemoryBytes();
        if (memory != null) {
            writer.family("process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType.GAUGE);
            writer.sample("process_virtual_memory_bytes", memory[0]);
            writer.family("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType.GAUGE);
            writer.sample("process_resident_memory_bytes", memory[1]);
        }
        writer.family(
                "process_start_time_seconds",
                "Start time of the process since unix epoch in seconds.",
                MetricType.GAUGE);
        writer.sample(
                "process_start_time_seconds",
                ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
    }

    /** {virtual, resident} bytes, or null where /proc is not there. */
    long[] readMemoryBytes() {
        List<String> lines;
        try {
            lines = Files.readAllLines(procStatus);
        } catch (IOException e) {
            return null;
        }
        long virtual = -1;
        long resident = -1;
        for (String line : lines) {
            if (line.startsWith("VmSize:")) {
                virtual = kilobytes(line);
            } else if (line.startsWith("VmRSS:")) {
                resident = kilobytes(line);
            }
        }
        return virtual < 0 || resident < 0 ? null : new long[] {virtual, resident};
    }

    private static long kilobytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024;
    }
}
