package dev.vigil.config.storage;

import dev.vigil.config.core.ByteSize;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.storage.StorageConfig.Exemplars;
import dev.vigil.config.storage.StorageConfig.Retention;
import dev.vigil.config.storage.StorageConfig.Tsdb;
import java.util.Optional;

/** Reads the {@code storage} section. Stateless. */
public final class StorageConfigReader {
    private StorageConfigReader() {}

    public static StorageConfig read(MapReader r) {
        Tsdb tsdb = r.map("tsdb", StorageConfigReader::tsdb).orElse(Tsdb.DEFAULT);
        Exemplars exemplars = r.map(
                        "exemplars",
                        e -> new Exemplars(e.integer(
                                "max_exemplars", Exemplars.DEFAULT.maxExemplars(), Long.MIN_VALUE, Long.MAX_VALUE)))
                .orElse(Exemplars.DEFAULT);
        return new StorageConfig(tsdb, exemplars);
    }

    private static Tsdb tsdb(MapReader r) {
        PromDuration window = r.duration("out_of_order_time_window", PromDuration.ZERO);
        double threshold = r.floating("stale_series_compaction_threshold", 0);
        if (threshold < 0 || threshold > 1) {
            r.error(
                    "stale_series_compaction_threshold",
                    "stale_series_compaction_threshold must be between 0 and 1, got " + threshold);
        }
        String floats = r.map("chunk_encoding", c -> c.string("floats", "")).orElse("");
        if (!floats.isEmpty() && !floats.equals("xor") && !floats.equals("xor2")) {
            r.error(
                    "chunk_encoding",
                    "'storage.tsdb.chunk_encoding.floats' must be 'xor' or 'xor2', or the field must be omitted"
                            + " entirely, got \"" + floats + "\"");
        }
        Retention retention = r.map("retention", StorageConfigReader::retention).orElse(Retention.DEFAULT);
        return new Tsdb(window, threshold, floats, retention);
    }

    private static Retention retention(MapReader r) {
        Optional<PromDuration> time = r.optionalDuration("time");
        ByteSize size = r.byteSize("size", ByteSize.ZERO);
        double percentage = r.floating("percentage", 0);
        if (percentage < 0 || percentage > 100) {
            r.error(
                    "percentage",
                    "'storage.tsdb.retention.percentage' must be in the range [0, 100], got " + percentage);
        }
        return new Retention(time, size, percentage);
    }
}
