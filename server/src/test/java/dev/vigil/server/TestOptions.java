package dev.vigil.server;

import dev.vigil.server.alerting.AlertingOptions;
import dev.vigil.server.api.QueryApiOptions;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Server options for tests: loopback, the given port, data under a temp dir. */
final class TestOptions {
    private TestOptions() {}

    static ServerOptions of(Path dataDir, Path configFile, int port, boolean lifecycle) {
        return of(dataDir, configFile, port, lifecycle, false, AlertingOptions.DEFAULTS);
    }

    static ServerOptions of(Path dataDir, Path configFile, int port, boolean lifecycle, boolean remoteWriteReceiver) {
        return of(dataDir, configFile, port, lifecycle, remoteWriteReceiver, AlertingOptions.DEFAULTS);
    }

    static ServerOptions of(Path dataDir, Path configFile, int port, boolean lifecycle, AlertingOptions alerting) {
        return of(dataDir, configFile, port, lifecycle, false, alerting);
    }

    static ServerOptions of(
            Path dataDir,
            Path configFile,
            int port,
            boolean lifecycle,
            boolean remoteWriteReceiver,
            AlertingOptions alerting) {
        return new ServerOptions(
                configFile,
                dataDir,
                Duration.ofDays(15),
                0,
                new ListenAddress("127.0.0.1", port),
                lifecycle,
                false,
                remoteWriteReceiver,
                null,
                Duration.ofMinutes(2),
                50_000_000,
                Duration.ofMinutes(5),
                LogLevel.INFO,
                LogFormat.LOGFMT,
                Duration.ofSeconds(30),
                Map.of(),
                QueryApiOptions.DEFAULTS,
                alerting);
    }
}
