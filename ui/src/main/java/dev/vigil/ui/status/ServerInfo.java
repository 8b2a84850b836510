package dev.vigil.ui.status;

import java.time.Instant;
import java.util.Map;

/** What the server tells about itself for the {@code /api/v1/status/*} endpoints. */
public interface ServerInfo {
    /** The configuration file's text in force; the API replaces secrets before showing it. */
    String configText();

    /** Every command-line flag by name (without dashes) with the value in force. */
    Map<String, String> flags();

    BuildInfo buildInfo();

    Instant startTime();

    /** Whether the last configuration (re)load succeeded. */
    boolean lastReloadSuccessful();

    /** When the configuration in force was loaded; {@code null} before the first load. */
    Instant lastReloadSuccessTime();

    /** Prometheus's text for the retention limits, e.g. {@code 15d} or {@code 15d or 10GiB}. */
    String storageRetention();

    /** Storage WAL replay progress, for the start-up page that polls {@code /api/v1/status/walreplay}. */
    WalReplayStatus walReplay();

    /**
     * Build facts in Prometheus's shape.
     *
     * @param goVersion Prometheus reports its Go version here; Vigil reports the Java runtime it runs on
     */
    record BuildInfo(
            String version, String revision, String branch, String buildUser, String buildDate, String goVersion) {}

    /**
     * Replay progress as Prometheus reports WAL segments.
     *
     * @param min the first unit of work
     * @param max the last unit of work
     * @param current the unit being replayed; equal to {@code max} when done
     */
    record WalReplayStatus(int min, int max, int current) {}
}
