package dev.vigil.tsdb.rocks;

/**
 * Makes the store's writes fail as a full disk or a failing device would, for tests of the error paths. While failing,
 * every write fails, the store needs reopening as RocksDB itself would after a failed write-ahead-log append, and
 * reopening is refused as when there is no free space. Thread-safe.
 */
public final class WriteFaults {
    private volatile String failure;

    /** From now on writes fail with {@code message} (e.g. "No space left on device"). */
    public void failWrites(String message) {
        failure = message;
    }

    /** Writes (and reopening) work again, as when space has been freed. */
    public void stopFailing() {
        failure = null;
    }

    /** The injected failure message, or null. */
    String failure() {
        return failure;
    }
}
