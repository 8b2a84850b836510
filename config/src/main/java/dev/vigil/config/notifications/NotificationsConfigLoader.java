package dev.vigil.config.notifications;

import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.ConfigNode;
import dev.vigil.config.core.ConfigTreeParser;
import dev.vigil.config.core.KeyPath;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads a plain Alertmanager configuration file ({@code --notifications.config.file}) with the same strict reader
 * as the {@code notifications:} section of the main file. Stateless and thread-safe.
 */
public final class NotificationsConfigLoader {
    private NotificationsConfigLoader() {}

    public static NotificationsConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(file.toString(), 1, 1, "", "cannot read config file: " + e));
        }
        return parse(
                text, file.toString(), Optional.ofNullable(file.toAbsolutePath().getParent()));
    }

    /** Parses {@code yaml}; {@code sourceName} names it in errors; relative template paths stay relative. */
    public static NotificationsConfig parse(String yaml, String sourceName) throws ConfigException {
        return parse(yaml, sourceName, Optional.empty());
    }

    private static NotificationsConfig parse(String yaml, String sourceName, Optional<Path> directory)
            throws ConfigException {
        ConfigNode root = ConfigTreeParser.parseYaml(yaml, sourceName);
        Problems problems = new Problems();
        MapReader reader = MapReader.of(root, KeyPath.root(), problems);
        NotificationsConfig config = NotificationsConfigReader.read(reader, directory);
        reader.finish();
        problems.throwIfAny();
        return config;
    }
}
