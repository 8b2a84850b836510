package dev.vigil.config;

import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.ConfigNode;
import dev.vigil.config.core.ConfigTreeParser;
import dev.vigil.config.core.KeyPath;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Problems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads Vigil's main configuration file (Prometheus's {@code prometheus.yml} format) strictly: unknown keys, wrong
 * types, bad durations and Prometheus's validation rules all fail the load, with every problem found reported at once
 * as {@code file:line:column: key.path: message}. An empty file is a valid configuration with all defaults. Stateless
 * and thread-safe.
 *
 * <pre>{@code
 * try {
 *     VigilConfig config = ConfigLoader.load(Path.of("/etc/vigil/prometheus.yml"));
 * } catch (ConfigException e) {
 *     e.errors().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Reads and validates the file at {@code file} (UTF-8). */
    public static VigilConfig load(Path file) throws ConfigException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigError(file.toString(), 1, 1, "", "file is not valid UTF-8"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(file.toString(), 1, 1, "", "cannot read config file: " + e));
        }
        Path directory = file.toAbsolutePath().getParent();
        return parse(text, new VigilConfig.Source(file.toString(), text, Optional.ofNullable(directory)));
    }

    /** Parses and validates {@code yaml}; {@code sourceName} names it in errors. Relative paths stay relative. */
    public static VigilConfig parse(String yaml, String sourceName) throws ConfigException {
        return parse(yaml, new VigilConfig.Source(sourceName, yaml, Optional.empty()));
    }

    private static VigilConfig parse(String yaml, VigilConfig.Source source) throws ConfigException {
        ConfigNode root = ConfigTreeParser.parseYaml(yaml, source.name());
        Problems problems = new Problems();
        MapReader reader = MapReader.of(root, KeyPath.root(), problems);
        VigilConfig config = VigilConfigReader.read(reader, source);
        reader.finish();
        problems.throwIfAny();
        return config;
    }
}
