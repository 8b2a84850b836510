package dev.vigil.server.log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** Installs Vigil's log format on the JUL root logger; everything (Vert.x and Netty too) logs through it. */
public final class Logging {
    private Logging() {}

    /** Routes all logging to standard error at the given level and format. */
    public static void configure(LogLevel level, LogFormat format) {
        configure(level, format, System.err);
    }

    public static void configure(LogLevel level, LogFormat format, OutputStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level.julLevel());
        Handler handler = new FlushingHandler(out instanceof PrintStream ps ? ps : new PrintStream(out, true));
        handler.setFormatter(new KeyValueFormatter(format));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        // Netty's debug chatter about its own internals helps nobody running Vigil.
        Logger.getLogger("io.netty").setLevel(level == LogLevel.DEBUG ? Level.INFO : level.julLevel());
    }

    /** A stream handler that flushes each line, so a crash never swallows the last messages. */
    private static final class FlushingHandler extends StreamHandler {
        FlushingHandler(OutputStream out) {
            super(out, new KeyValueFormatter(LogFormat.LOGFMT));
        }

        @Override
        public synchronized void publish(java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
        }
    }
}
