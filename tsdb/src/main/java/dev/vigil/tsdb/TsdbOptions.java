package dev.vigil.tsdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Options for {@link Tsdb#open}.
 *
 * @param dir directory of the RocksDB instance; created when missing
 * @param retention how far behind the newest sample data is kept; {@link Duration#ZERO} keeps everything
 * @param retentionBytes upper bound for the bytes of persisted chunks; 0 means no bound
 */
public record TsdbOptions(Path dir, Duration retention, long retentionBytes) {
    public TsdbOptions {
        Objects.requireNonNull(dir, "tsdb dir");
        Objects.requireNonNull(retention, "tsdb retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("tsdb retention must not be negative, got " + retention);
        }
        if (retentionBytes < 0) {
            throw new IllegalArgumentException("tsdb retention bytes must not be negative, got " + retentionBytes);
        }
    }

    /** Unlimited retention in {@code dir}. */
    public static TsdbOptions of(Path dir) {
        return new TsdbOptions(dir, Duration.ZERO, 0);
    }
}
