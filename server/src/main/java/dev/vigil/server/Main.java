package dev.vigil.server;

import dev.vigil.server.cli.VigilCommand;
import java.io.PrintWriter;
import java.util.Properties;

/** Entry point of the {@code vigil} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        applyDefaults(System.getProperties());
        System.exit(run(args));
    }

    /**
     * System properties Vigil sets unless the command line did, before any library reads them. Netty's buffer
     * allocator starts the JDK's flight recorder support to offer its allocation events, which loads about a hundred
     * classes and their event metadata into every process; nothing here records them.
     */
    static void applyDefaults(Properties properties) {
        properties.putIfAbsent("io.netty.jfr.enabled", "false");
    }

    static int run(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return VigilCommand.commandLine(out, err).execute(args);
    }
}
