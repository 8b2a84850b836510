package dev.vigil.server.cli;

import dev.vigil.server.BuildInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code vigil} command; its work is done by the subcommands. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        versionProvider = VigilCommand.Version.class,
        description = "Vigil: metrics scraping, storage, PromQL and alerting in one process.",
        subcommands = {ServerCommand.class, CheckCommand.class, ImportCommand.class})
public final class VigilCommand implements Runnable {
    /** The exit code for bad command-line usage, as Prometheus's tools use it. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (server, check, import)");
    }

    /** Builds the command line with Vigil's error conventions: one line on stderr and exit code 2. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new VigilCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, args) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": error: " + oneLine(ex.getMessage()) + ", try --help");
            err.flush();
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("vigil: error: " + oneLine(String.valueOf(ex.getMessage())));
            err.flush();
            return 1;
        });
        return cmd;
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace("\r", "").trim();
    }

    /** Prints what {@code vigil --version} shows. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.current().versionText().split("\n");
        }
    }
}
