package dev.vigil.server.alerting;

import dev.vigil.alerting.notify.NotificationService;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the notification configuration comes from: {@code --notifications.config.file} when given (read afresh on
 * every reload), else the {@code notifications:} section of the main configuration, else Alertmanager's smallest
 * configuration (alerts are kept and listed, nobody is notified). Also keeps the configuration's text for
 * {@code /api/v2/status}. Stateless apart from the file path.
 */
final class NotificationsSource {
    /** A loaded configuration and its original text. */
    record Loaded(NotificationsConfig config, String text) {}

    private final Optional<Path> file;

    NotificationsSource(Optional<Path> file) {
        this.file = file;
    }

    Loaded load(VigilConfig main) throws ConfigException {
        if (file.isPresent()) {
            NotificationsConfig config = NotificationsConfigLoader.load(file.get());
            try {
                return new Loaded(config, Files.readString(file.get(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return new Loaded(config, "");
            }
        }
        if (main.notifications().isPresent()) {
            return new Loaded(main.notifications().get(), section(main.source().text(), "notifications"));
        }
        return new Loaded(NotificationService.DEFAULT_CONFIG, "");
    }

    /**
     * The body of top-level key {@code key} of a YAML document as written, dedented: the lines after {@code key:}
     * up to the next top-level key. Comments and blank lines inside the section are kept.
     */
    static String section(String yaml, String key) {
        String[] lines = yaml.split("\r?\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        int indent = -1;
        for (String line : lines) {
            boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
            if (topLevel) {
                if (inside) {
                    break;
                }
                inside = line.startsWith(key + ":");
                String rest = inside ? line.substring(key.length() + 1).strip() : "";
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    // Flow style on the key's own line: that is the whole section.
                    return rest + "\n";
                }
                continue;
            }
            if (!inside) {
                continue;
            }
            if (indent < 0 && !line.isBlank() && !line.strip().startsWith("#")) {
                indent = line.length() - line.stripLeading().length();
            }
            out.append(
                            indent > 0
                                            && line.length() >= indent
                                            && line.substring(0, indent).isBlank()
                                    ? line.substring(indent)
                                    : line.strip())
                    .append('\n');
        }
        return out.toString().strip() + "\n";
    }
}
