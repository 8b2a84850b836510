package dev.vigil.server;

import dev.vigil.server.alerting.AlertingOptions;
import dev.vigil.server.api.QueryApiOptions;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of {@code vigil server}, one field per command-line flag.
 *
 * @param configFile the configuration file, or null for the embedded default configuration
 * @param retentionTime {@link Duration#ZERO} when no time limit is set
 * @param retentionBytes 0 when no size limit is set
 * @param flags every flag by its command-line name with the value in force, for the status API
 * @param queryApi {@code --query.max-concurrency} and {@code --web.cors.origin}
 * @param alerting the rule evaluation and notification flags
 */
public record ServerOptions(
        Path configFile,
        Path storagePath,
        Duration retentionTime,
        long retentionBytes,
        ListenAddress listenAddress,
        boolean enableLifecycle,
        boolean enableAdminApi,
        boolean enableRemoteWriteReceiver,
        String externalUrl,
        Duration queryTimeout,
        long queryMaxSamples,
        Duration queryLookbackDelta,
        LogLevel logLevel,
        LogFormat logFormat,
        Duration shutdownTimeout,
        Map<String, String> flags,
        QueryApiOptions queryApi,
        AlertingOptions alerting) {

    public ServerOptions {
        flags = Map.copyOf(flags);
        Objects.requireNonNull(queryApi, "queryApi");
        Objects.requireNonNull(alerting, "alerting");
    }

    /** Options with the query API's and alerting's defaults. */
    public ServerOptions(
            Path configFile,
            Path storagePath,
            Duration retentionTime,
            long retentionBytes,
            ListenAddress listenAddress,
            boolean enableLifecycle,
            boolean enableAdminApi,
            boolean enableRemoteWriteReceiver,
            String externalUrl,
            Duration queryTimeout,
            long queryMaxSamples,
            Duration queryLookbackDelta,
            LogLevel logLevel,
            LogFormat logFormat,
            Duration shutdownTimeout,
            Map<String, String> flags) {
        this(
                configFile,
                storagePath,
                retentionTime,
                retentionBytes,
                listenAddress,
                enableLifecycle,
                enableAdminApi,
                enableRemoteWriteReceiver,
                externalUrl,
                queryTimeout,
                queryMaxSamples,
                queryLookbackDelta,
                logLevel,
                logFormat,
                shutdownTimeout,
                flags,
                QueryApiOptions.DEFAULTS,
                AlertingOptions.DEFAULTS);
    }
}
