package dev.vigil.model.log;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A logger that writes a fixed message with key/value pairs, the way Prometheus logs ({@code
 * level=info msg="Loading configuration file" filename=prometheus.yml}). Thread-safe.
 *
 * <pre>{@code
 * private static final Log log = Log.get(MyClass.class);
 * log.info("Server is ready to receive web requests.", "address", address);
 * log.error("Reload failed", e, "file", path);
 * }</pre>
 */
public final class Log {
    private final Logger logger;

    private Log(Logger logger) {
        this.logger = logger;
    }

    public static Log get(Class<?> owner) {
        return new Log(Logger.getLogger(owner.getName()));
    }

    public boolean isDebugEnabled() {
        return logger.isLoggable(Level.FINE);
    }

    public void debug(String message, Object... keyValues) {
        log(Level.FINE, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        log(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        log(Level.WARNING, message, null, keyValues);
    }

    public void warn(String message, Throwable error, Object... keyValues) {
        log(Level.WARNING, message, error, keyValues);
    }

    public void error(String message, Object... keyValues) {
        log(Level.SEVERE, message, null, keyValues);
    }

    public void error(String message, Throwable error, Object... keyValues) {
        log(Level.SEVERE, message, error, keyValues);
    }

    private void log(Level level, String message, Throwable error, Object[] keyValues) {
        if (!logger.isLoggable(level)) {
            return;
        }
        KeyValueRecord record = new KeyValueRecord(level, message, keyValues);
        record.setLoggerName(logger.getName());
        record.setThrown(error);
        logger.log(record);
    }
}
