package dev.vigil.tsdb.head;

/**
 * Settings of the head.
 *
 * @param syncWrites fsync every commit (survives power loss) instead of only writing it to the OS (survives a process
 *     crash)
 * @param retentionMs samples older than the newest minus this are out of bounds; 0 for no limit
 * @param checkpointWalBytes WAL bytes since the last checkpoint after which a checkpoint is due
 * @param idleCutMs an open chunk whose newest sample is this much older than the newest sample of the head is cut and
 *     persisted, so that series which stopped receiving samples can leave the head
 * @param keepMs series without samples in memory leave the head once their newest sample is this much older than the
 *     newest sample of the head
 */
public record HeadOptions(boolean syncWrites, long retentionMs, long checkpointWalBytes, long idleCutMs, long keepMs) {
    public static HeadOptions defaults() {
        return new HeadOptions(false, 0, 64L << 20, 3_600_000L, 3_600_000L);
    }

    public HeadOptions withRetention(long ms) {
        return new HeadOptions(syncWrites, ms, checkpointWalBytes, idleCutMs, keepMs);
    }

    public HeadOptions withCheckpointWalBytes(long bytes) {
        return new HeadOptions(syncWrites, retentionMs, bytes, idleCutMs, keepMs);
    }
}
