package dev.vigil.config;

/**
 * The {@code runtime} section. Its only key, {@code gogc}, tunes Go's garbage collector; Vigil accepts it so that
 * Prometheus files load, and the JVM ignores it.
 */
public record RuntimeConfig(int gogc) {
    public static final RuntimeConfig DEFAULT = new RuntimeConfig(75);
}
