package dev.vigil.server.selfmetrics;

import dev.vigil.model.metrics.Collector;
import dev.vigil.model.metrics.MetricType;
import dev.vigil.model.metrics.SampleWriter;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** JVM memory, garbage collection, thread and class-loading figures, named as the Prometheus Java client names them. */
public final class JvmCollector implements Collector {
    private static final List<String> AREA = List.of("area");
    private static final List<String> POOL = List.of("pool");
    private static final List<String> GC = List.of("gc");

    @Override
    public void collect(SampleWriter writer) {
        collectMemory(writer);
        collectPools(writer);
        collectGc(writer);
        collectThreads(writer);
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        writer.family(
                "jvm_classes_currently_loaded", "The number of classes currently loaded in the JVM.", MetricType.GAUGE);
        writer.sample("jvm_classes_currently_loaded", classes.getLoadedClassCount());
        writer.family("jvm_info", "VM version info.", MetricType.GAUGE);
        writer.sample(
                "jvm_info",
                List.of("runtime", "vendor", "version"),
                List.of(
                        System.getProperty("java.runtime.name", ""),
                        System.getProperty("java.vm.vendor", ""),
                        System.getProperty("java.runtime.version", "")),
                1);
    }

    private static void collectMemory(SampleWriter writer) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        writer.family("jvm_memory_bytes_used", "Used bytes of a given JVM memory area.", MetricType.GAUGE);
        writer.sample("jvm_memory_bytes_used", AREA, List.of("heap"), heap.getUsed());
        writer.sample("jvm_memory_bytes_used", AREA, List.of("nonheap"), nonHeap.getUsed());
        writer.family("jvm_memory_bytes_committed", "Committed bytes of a given JVM memory area.", MetricType.GAUGE);
        writer.sample("jvm_memory_bytes_committed", AREA, List.of("heap"), heap.getCommitted());
        writer.sample("jvm_memory_bytes_committed", AREA, List.of("nonheap"), nonHeap.getCommitted());
        writer.family(
                "jvm_memory_bytes_max", "Max bytes of a given JVM memory area (-1 when unbounded).", MetricType.GAUGE);
        writer.sample("jvm_memory_bytes_max", AREA, List.of("heap"), heap.getMax());
        writer.sample("jvm_memory_bytes_max", AREA, List.of("nonheap"), nonHeap.getMax());
    }

    private static void collectPools(SampleWriter writer) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        writer.family("jvm_memory_pool_bytes_used", "Used bytes of a given JVM memory pool.", MetricType.GAUGE);
        for (MemoryPoolMXBean pool : pools) {
            writer.sample(
                    "jvm_memory_pool_bytes_used",
                    POOL,
                    List.of(pool.getName()),
                    pool.getUsage().getUsed());
        }
        writer.family(
                "jvm_memory_pool_bytes_committed", "Committed bytes of a given JVM memory pool.", MetricType.GAUGE);
        for (MemoryPoolMXBean pool : pools) {
            writer.sample(
                    "jvm_memory_pool_bytes_committed",
                    POOL,
                    List.of(pool.getName()),
                    pool.getUsage().getCommitted());
        }
    }

    private static void collectGc(SampleWriter writer) {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        writer.family(
                "jvm_gc_collection_seconds",
                "Time spent in a given JVM garbage collector in seconds.",
                MetricType.SUMMARY);
        for (GarbageCollectorMXBean gc : collectors) {
            List<String> name = List.of(gc.getName());
            writer.sample("jvm_gc_collection_seconds_count", GC, name, Math.max(0, gc.getCollectionCount()));
            writer.sample("jvm_gc_collection_seconds_sum", GC, name, Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
    }

    private static void collectThreads(SampleWriter writer) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        writer.family("jvm_threads_current", "Current thread count of a JVM.", MetricType.GAUGE);
        writer.sample("jvm_threads_current", threads.getThreadCount());
        writer.family("jvm_threads_daemon", "Daemon thread count of a JVM.", MetricType.GAUGE);
        writer.sample("jvm_threads_daemon", threads.getDaemonThreadCount());
        writer.family("jvm_threads_peak", "Peak thread count of a JVM.", MetricType.GAUGE);
        writer.sample("jvm_threads_peak", threads.getPeakThreadCount());
    }
}
