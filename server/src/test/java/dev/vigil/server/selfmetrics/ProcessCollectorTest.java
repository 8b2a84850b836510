package dev.vigil.server.selfmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCollectorTest {

    @Test
    void readsResidentAndVirtualMemoryFromProcStatus(@TempDir Path dir) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(
                status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmSize:\t 8000 kB\nVmRSS:\t   300 kB\nThreads:\t12\n");
        MetricRegistry registry = new MetricRegistry();
        registry.register(new ProcessCollector(status));

        String text = TextExposition.write(registry);

        assertThat(text)
                .contains("process_virtual_memory_bytes 8192000\n")
                .contains("process_resident_memory_bytes 307200\n")
                .containsPattern("process_cpu_seconds_total \\d")
                .containsPattern("process_start_time_seconds \\d{10}")
                .containsPattern("process_open_fds [1-9]");
    }

    @Test
    void leavesMemoryOutWhereProcIsMissing(@TempDir Path dir) {
        MetricRegistry registry = new MetricRegistry();
        registry.register(new ProcessCollector(dir.resolve("absent")));
        assertThat(TextExposition.write(registry)).doesNotContain("process_resident_memory_bytes");
    }

    @Test
    void jvmCollectorReportsHeapGcAndThreads() {
        MetricRegistry registry = new MetricRegistry();
        registry.register(new JvmCollector());
        assertThat(TextExposition.write(registry))
                .containsPattern("jvm_memory_bytes_used\\{area=\"heap\"} [1-9]")
                .contains("# TYPE jvm_gc_collection_seconds summary")
                .containsPattern("jvm_threads_current [1-9]")
                .contains("jvm_info{runtime=");
    }
}
