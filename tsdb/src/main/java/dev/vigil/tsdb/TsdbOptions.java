package dev.vigil.tsdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Options for {@link Tsdb#open}.
 *
 * @param dir directory of the RocksDB instance; created when missing
 * @param retention how far behind the newest sample data is kept; {@link Duration#ZERO} keeps everything
 * @param retentionBytes upper bound for the bytes the database takes (SST files, memtables and RocksDB's logs); 0 means
 *     no bound
 * @param maintenanceInterval how often the background thread applies retention and lets idle series go; {@link
 *     Duration#ZERO} runs no background thread (call {@link Tsdb#runMaintenance()} instead)
 * @param checkpointWalBytes WAL bytes after which a checkpoint persists the head and truncates the WAL
 * @param syncWrites fsync every commit (survives power loss, slower) instead of writing it to the operating system
 *     (survives a process crash)
 */
public record TsdbOptions(
        Path dir,
        Duration retention,
        long retentionBytes,
        Duration maintenanceInterval,
        long checkpointWalBytes,
        boolean syncWrites) {
    public TsdbOptions {
        Objects.requireNonNull(dir, "tsdb dir");
        Objects.requireNonNull(retention, "tsdb retention");
        Objects.requireNonNull(maintenanceInterval, "tsdb maintenance interval");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("tsdb retention must not be negative, got " + retention);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("tsdb retention bytes must not be negative, got " + retentionBytes);
        }
        if (maintenanceInterval.isNegative()) {
            throw new IllegalArgumentException(
                    "tsdb maintenance interval must not be negative, got " + maintenanceInterval);
        }
        if (checkpointWalBytes <= 0) {
            throw new IllegalArgumentException("tsdb checkpoint WAL bytes must be positive, got " + checkpointWalBytes);
        }
    }

    /** Retention by time and size, background maintenance every minute. */
    public TsdbOptions(Path dir, Duration retention, long retentionBytes) {
        this(dir, retention, retentionBytes, Duration.ofMinutes(1), 64L << 20, false);
    }

    /** Unlimited retention in {@code dir}. */
    public static TsdbOptions of(Path dir) {
        return new TsdbOptions(dir, Duration.ZERO, 0);
    }

    public TsdbOptions withMaintenanceInterval(Duration interval) {
        return new TsdbOptions(dir, retention, retentionBytes, interval, checkpointWalBytes, syncWrites);
    }

    public TsdbOptions withCheckpointWalBytes(long bytes) {
        return new TsdbOptions(dir, retention, retentionBytes, maintenanceInterval, bytes, syncWrites);
    }

    public TsdbOptions withSyncWrites(boolean sync) {
        return new TsdbOptions(dir, retention, retentionBytes, maintenanceInterval, checkpointWalBytes, sync);
    }
}
