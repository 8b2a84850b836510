package dev.vigil.config.storage;

import dev.vigil.config.core.ByteSize;
import dev.vigil.config.core.PromDuration;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime-reloadable {@code storage} section.
 *
 * @param tsdb settings of the local TSDB
 * @param exemplars size of the exemplar buffer
 */
public record StorageConfig(Tsdb tsdb, Exemplars exemplars) {
    public static final StorageConfig DEFAULT = new StorageConfig(Tsdb.DEFAULT, Exemplars.DEFAULT);

    public StorageConfig {
        Objects.requireNonNull(tsdb, "tsdb");
        Objects.requireNonNull(exemplars, "exemplars");
    }

    /**
     * {@code storage.tsdb}.
     *
     * @param outOfOrderTimeWindow how far behind the newest sample an out-of-order sample may be (0 = none)
     * @param staleSeriesCompactionThreshold ratio of stale series in the head that triggers compaction, 0 = off
     * @param floatChunkEncoding {@code xor}, {@code xor2}, or empty for the default
     */
    public record Tsdb(
            PromDuration outOfOrderTimeWindow,
            double staleSeriesCompactionThreshold,
            String floatChunkEncoding,
            Retention retention) {
        public static final Tsdb DEFAULT = new Tsdb(PromDuration.ZERO, 0, "", Retention.DEFAULT);

        public Tsdb {
            Objects.requireNonNull(outOfOrderTimeWindow, "outOfOrderTimeWindow");
            Objects.requireNonNull(floatChunkEncoding, "floatChunkEncoding");
            Objects.requireNonNull(retention, "retention");
        }
    }

    /**
     * {@code storage.tsdb.retention}; when neither time nor size is set, the server's default (15d) applies.
     *
     * @param time how long to keep samples, empty when not set; 0 disables time-based retention
     * @param size maximum bytes of stored blocks, 0 = no size limit
     * @param percentage maximum percent of the disk, 0 = off
     */
    public record Retention(Optional<PromDuration> time, ByteSize size, double percentage) {
        public static final Retention DEFAULT = new Retention(Optional.empty(), ByteSize.ZERO, 0);

        public Retention {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(size, "size");
        }
    }

    /** {@code storage.exemplars}: capacity of the exemplar ring buffer; 0 or less disables exemplar storage. */
    public record Exemplars(long maxExemplars) {
        public static final Exemplars DEFAULT = new Exemplars(100_000);
    }
}
