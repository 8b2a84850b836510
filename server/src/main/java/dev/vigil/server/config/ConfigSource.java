package dev.vigil.server.config;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where the configuration is read from on start and on every reload: a file, or the embedded default. */
public interface ConfigSource {
    VigilConfig load() throws ConfigException;

    /** A file, read afresh on each load. */
    static ConfigSource file(Path path) {
        return new ConfigSource() {
            @Override
            public VigilConfig load() throws ConfigException {
                return ConfigLoader.load(path);
            }

            @Override
            public String toString() {
                return path.toString();
            }
        };
    }

    /** The embedded default configuration, which scrapes this server at {@code selfAddress} (host:port). */
    static ConfigSource embeddedDefault(String selfAddress) {
        String text = defaultConfigText().replace("${SELF_ADDRESS}", selfAddress);
        return new ConfigSource() {
            @Override
            public VigilConfig load() throws ConfigException {
                return ConfigLoader.parse(text, "<embedded default config>");
            }

            @Override
            public String toString() {
                return "<embedded default config>";
            }
        };
    }

    static String defaultConfigText() {
        try (InputStream in = ConfigSource.class.getResourceAsStream("default-config.yml")) {
            if (in == null) {
                throw new IllegalStateException("default-config.yml is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
