package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.StorageStats;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsAndMetricsTest {
    @TempDir
    Path dir;

    @Test
    void statsShowTheHeadAsPrometheusStatusPageDoes() throws Exception {
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO))) {
            StorageStats empty = tsdb.stats(10);
            assertThat(empty.head()).isEqualTo(new StorageStats.HeadStats(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE));
            Appender app = tsdb.appender();
            for (int i = 0; i < 5; i++) {
                app.append(0, Labels.of("__name__", "http_requests_total", "code", "200", "pod", "p" + i), 1000, i);
            }
            app.append(0, Labels.of("__name__", "up", "code", "200"), 2000, 1);
            app.commit();
            StorageStats stats = tsdb.stats(2);
            assertThat(stats.head()).isEqualTo(new StorageStats.HeadStats(6, 8, 6, 1000, 2000));
            assertThat(stats.seriesCountByMetricName())
                    .containsExactly(new StorageStats.Entry("http_requests_total", 5), new StorageStats.Entry("up", 1));
            assertThat(stats.labelValueCountByLabelName())
                    .containsExactly(new StorageStats.Entry("pod", 5), new StorageStats.Entry("__name__", 2));
            assertThat(stats.memoryInBytesByLabelName())
                    .containsExactly(
                            new StorageStats.Entry("__name__", 19 * 5 + 2), new StorageStats.Entry("code", 3 * 6));
            assertThat(stats.seriesCountByLabelValuePair())
                    .containsExactly(
                            new StorageStats.Entry("code=200", 6),
                            new StorageStats.Entry("__name__=http_requests_total", 5));
        }
    }

    @Test
    void metricsAreRegisteredMoveWithTheDataAndLeaveOnClose() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO), registry)) {
            Appender app = tsdb.appender();
            for (long t = 0; t < 121 * 15_000L; t += 15_000) {
                app.append(0, Labels.of("__name__", "up"), t, 1);
            }
            app.commit();
            Appender rejected = tsdb.appender();
            try {
                rejected.append(0, Labels.of("__name__", "up"), 0, 1);
            } catch (AppendException expected) {
                // counted
            }
            rejected.rollback();
            tsdb.runMaintenance();
            tsdb.checkpoint();
            String text = TextExposition.write(registry);
            assertThat(text)
                    .contains("vigil_tsdb_head_series 1")
                    .contains("vigil_tsdb_head_chunks 1")
                    .contains("vigil_tsdb_head_samples_appended_total 121")
                    .contains("vigil_tsdb_rejected_samples_total{reason=\"out_of_order\"} 1")
                    .contains("vigil_tsdb_chunks_persisted_total 1")
                    .contains("vigil_tsdb_head_max_time 1800000")
                    .contains("vigil_tsdb_wal_size_bytes 0")
                    .contains("vigil_tsdb_rocksdb_sst_bytes{family=\"chunks\"}")
                    .contains("vigil_tsdb_rocksdb_memtable_bytes{family=\"index\"}")
                    .contains("vigil_tsdb_compactions_total")
                    .contains("vigil_tsdb_storage_bytes")
                    .containsPattern("vigil_tsdb_checkpoints_total [1-9]")
                    .containsPattern("vigil_tsdb_head_series_memory_bytes [1-9]")
                    .containsPattern("vigil_tsdb_head_chunks_memory_bytes [1-9]");
        }
        assertThat(TextExposition.write(registry)).doesNotContain("vigil_tsdb_");
        // The same registry can take a reopened TSDB.
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO), registry)) {
            assertThat(TextExposition.write(registry)).contains("vigil_tsdb_head_series 1");
        }
    }
}
