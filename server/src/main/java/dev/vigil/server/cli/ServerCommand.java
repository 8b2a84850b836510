package dev.vigil.server.cli;

import dev.vigil.server.ServerOptions;
import dev.vigil.server.StartupException;
import dev.vigil.server.TsdbStorageFactory;
import dev.vigil.server.VigilServer;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import dev.vigil.server.log.Logging;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil server}: runs the server with Prometheus-style flags until SIGTERM, SIGINT or {@code /-/quit}. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Vigil server.")
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--config.file",
            paramLabel = "FILE",
            description = "Configuration file (default: the embedded default, which scrapes Vigil itself).")
    Path configFile;

    @Option(
            names = "--storage.tsdb.path",
            paramLabel = "DIR",
            defaultValue = "data",
            description = "Base path for metrics storage (default: ${DEFAULT-VALUE}).")
    Path storagePath;

    @Option(
            names = "--storage.tsdb.retention.time",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How long to retain samples (default: 15d when no size limit is set either).")
    Duration retentionTime;

    @Option(
            names = "--storage.tsdb.retention.size",
            paramLabel = "SIZE",
            converter = Converters.ByteSizeConverter.class,
            description = "Maximum number of bytes of storage blocks to retain, e.g. 512MB, 10GB (default: no limit).")
    Long retentionSize;

    @Option(
            names = "--web.listen-address",
            paramLabel = "ADDRESS",
            defaultValue = ":9090",
            converter = Converters.ListenAddressConverter.class,
            description = "Address to listen on for the UI, API and telemetry (default: ${DEFAULT-VALUE}).")
    ListenAddress listenAddress;

    @Option(
            names = "--web.enable-lifecycle",
            negatable = true,
            description = "Enable shutdown and reload via HTTP request.")
    boolean enableLifecycle;

    @Option(
            names = "--web.enable-admin-api",
            negatable = true,
            description = "Enable API endpoints for admin control actions.")
    boolean enableAdminApi;

    @Option(
            names = "--web.enable-remote-write-receiver",
            negatable = true,
            description = "Enable the API endpoint accepting remote write requests (/api/v1/write).")
    boolean enableRemoteWriteReceiver;

    @Option(
            names = "--web.external-url",
            paramLabel = "URL",
            description = "The URL under which Vigil is externally reachable (for generated links).")
    String externalUrl;

    @Option(
            names = "--query.timeout",
            paramLabel = "DURATION",
            defaultValue = "2m",
            converter = Converters.DurationConverter.class,
            description = "Maximum time a query may take before being aborted (default: ${DEFAULT-VALUE}).")
    Duration queryTimeout;

    @Option(
            names = "--query.max-samples",
            paramLabel = "N",
            defaultValue = "50000000",
            description = "Maximum number of samples a single query can load into memory (default: ${DEFAULT-VALUE}).")
    long queryMaxSamples;

    @Option(
            names = "--query.lookback-delta",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = Converters.DurationConverter.class,
            description =
                    "How far back to look for a sample when evaluating an instant selector (default: ${DEFAULT-VALUE}).")
    Duration queryLookbackDelta;

    @Option(
            names = "--log.level",
            paramLabel = "LEVEL",
            defaultValue = "info",
            converter = Converters.LogLevelConverter.class,
            description =
                    "Only log messages with the given severity or above: debug, info, warn, error (default: ${DEFAULT-VALUE}).")
    LogLevel logLevel;

    @Option(
            names = "--log.format",
            paramLabel = "FORMAT",
            defaultValue = "logfmt",
            converter = Converters.LogFormatConverter.class,
            description = "Output format of log messages: logfmt, json (default: ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @CommandLine.Mixin
    QueryApiFlags queryApiFlags = new QueryApiFlags();

    @Mixin
    AlertingFlags alertingFlags;

    @Override
    public Integer call() throws Exception {
        ServerOptions options = toOptions();
        Logging.configure(options.logLevel(), options.logFormat());
        VigilServer server;
        try {
            server = VigilServer.start(options, new TsdbStorageFactory());
        } catch (StartupException e) {
            spec.commandLine().getErr().println("vigil: error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        return new SignalHandling(server, options.shutdownTimeout()).runUntilShutdown();
    }

    ServerOptions toOptions() {
        if (queryMaxSamples <= 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--query.max-samples must be positive, got " + queryMaxSamples);
        }
        if (externalUrl != null) {
            checkExternalUrl(externalUrl);
        }
        for (var d : Map.of("--query.timeout", queryTimeout, "--query.lookback-delta", queryLookbackDelta)
                .entrySet()) {
            if (d.getValue().isZero()) {
                throw new CommandLine.ParameterException(spec.commandLine(), d.getKey() + " must be greater than 0");
            }
        }
        // As in Prometheus: 15d only when neither limit is given; a size limit alone means no time limit.
        Duration retention = retentionTime;
        if (retention == null) {
            retention = retentionSize == null ? Duration.ofDays(15) : Duration.ZERO;
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                flags.put(option.longestName().substring(2), flagValue(option));
            }
        }
        return new ServerOptions(
                configFile,
                storagePath,
                retention,
                retentionSize == null ? 0 : retentionSize,
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
                Duration.ofSeconds(60),
                flags,
                queryApiFlags.toOptions(spec),
                alertingFlags.toOptions(spec));
    }

    /** The value as the user gave it, else the declared default, for display in the flags status. */
    private static String flagValue(CommandLine.Model.OptionSpec option) {
        var given = option.originalStringValues();
        if (!given.isEmpty()) {
            return given.get(given.size() - 1);
        }
        if (option.defaultValue() != null) {
            return option.defaultValue();
        }
        return option.type() == boolean.class ? "false" : "";
    }

    private void checkExternalUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--web.external-url must be an absolute http(s) URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--web.external-url: invalid URL '" + url + "': " + e.getReason());
        }
    }
}
