package dev.vigil.server.cli;

import dev.vigil.server.api.QueryApiOptions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The HTTP API flags of {@code vigil server}, mixed into {@link ServerCommand}. */
final class QueryApiFlags {
    @Option(
            names = "--query.max-concurrency",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Maximum number of queries executed concurrently; more wait in line (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(
            names = "--web.cors.origin",
            paramLabel = "REGEX",
            defaultValue = ".*",
            description = "Regex for CORS origin; it is fully anchored, e.g. 'https?://(domain1|domain2)\\.com'"
                    + " (default: ${DEFAULT-VALUE}).")
    String corsOrigin;

    QueryApiOptions toOptions(CommandSpec spec) {
        try {
            return new QueryApiOptions(maxConcurrency, corsOrigin);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
