package dev.vigil.server;

import dev.vigil.server.cli.VigilCommand;
import java.io.PrintWriter;

/** Entry point of the {@code vigil} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return VigilCommand.commandLine(out, err).execute(args);
    }
}
