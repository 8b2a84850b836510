package dev.vigil.server.http;

/** What the lifecycle endpoints may ask of the running server. Implementations are thread-safe. */
public interface ServerControl {
    /** True once storage is open and replayed, and until shutdown begins. */
    boolean isReady();

    /** Re-reads the configuration file; blocking. */
    ReloadOutcome reload();

    /** Starts an orderly shutdown and returns at once. */
    void requestShutdown();
}
