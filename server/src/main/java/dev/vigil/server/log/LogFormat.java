package dev.vigil.server.log;

/** The values of {@code --log.format}. */
public enum LogFormat {
    LOGFMT,
    JSON
}
