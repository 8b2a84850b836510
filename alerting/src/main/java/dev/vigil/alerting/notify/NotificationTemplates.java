package dev.vigil.alerting.notify;

import dev.vigil.alerting.template.NotificationFunctions;
import dev.vigil.alerting.template.Template;
import dev.vigil.alerting.template.TemplateException;
import dev.vigil.config.notifications.NotificationsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Notification templates: Vigil's defaults (with Alertmanager's names, e.g. {@code slack.default.title}) plus the
 * user's template files, whose definitions override the defaults. Each notification field is a template text
 * expanded against {@link NotificationData}. Immutable and thread-safe.
 */
public final class NotificationTemplates {
    private static final String DEFAULTS_RESOURCE = "default.tmpl";

    private final Template set;

    private NotificationTemplates(Template set) {
        this.set = set;
    }

    /** The defaults only. */
    public static NotificationTemplates defaults() {
        try {
            return load(List.of());
        } catch (TemplateException | IOException e) {
            throw new IllegalStateException("BUG: built-in notification templates do not load: " + e.getMessage(), e);
        }
    }

    /** The defaults plus {@code files}, parsed in order. */
    public static NotificationTemplates load(List<Path> files) throws TemplateException, IOException {
        Template.Builder builder = Template.builder(NotificationFunctions.create());
        builder.add("default.tmpl", defaultsText());
        for (Path file : files) {
            builder.add(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        return new NotificationTemplates(builder.build());
    }

    /** The defaults plus the files matched by the configuration's {@code templates} globs. */
    public static NotificationTemplates load(NotificationsConfig config) throws TemplateException, IOException {
        List<Path> files = new ArrayList<>();
        for (String glob : config.templates()) {
            files.addAll(expandGlob(glob, config.directory().orElse(Path.of(""))));
        }
        return load(files);
    }

    /** Expands a glob whose last path segment may contain wildcards; results are sorted. */
    static List<Path> expandGlob(String glob, Path base) throws IOException {
        Path pattern = base.resolve(glob);
        Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
        String name = pattern.getFileName().toString();
        List<Path> out = new ArrayList<>();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            out.add(pattern);
            return out;
        }
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, name)) {
            stream.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static String defaultsText() {
        try (InputStream in = NotificationTemplates.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("BUG: missing resource " + DEFAULTS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Expands one notification field. */
    public String expand(String text, NotificationData data) throws TemplateException {
        return set.executeText(text, data);
    }

    /** Executes a named template, e.g. {@code slack.default.title}. */
    public String executeTemplate(String name, NotificationData data) throws TemplateException {
        return set.executeTemplate(name, data);
    }
}
