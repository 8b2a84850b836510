package dev.vigil.model.storage;

/**
 * A failure of the storage itself (I/O, corruption, closed store). Unchecked: callers cannot repair it, and it is
 * classified once at the edge (HTTP API error mapping, scrape loop health).
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
