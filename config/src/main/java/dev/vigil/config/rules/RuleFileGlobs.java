package dev.vigil.config.rules;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code rule_files} entries as Prometheus does: relative to the configuration file's directory, with glob
 * patterns ({@code *}, {@code ?}, {@code [...]}) in the last path element; each pattern's matches sorted. A pattern
 * without wildcards names a file that must exist; one that matches nothing yields nothing. Stateless.
 */
public final class RuleFileGlobs {
    private RuleFileGlobs() {}

    /**
     * @param baseDirectory the directory relative patterns are resolved against
     */
    public static List<Path> expand(Path baseDirectory, List<String> patterns) throws IOException {
        List<Path> result = new ArrayList<>();
        for (String pattern : patterns) {
            Path full = baseDirectory.resolve(pattern);
            Path dir = full.getParent();
            String glob = full.getFileName().toString();
            if (!glob.contains("*") && !glob.contains("?") && !glob.contains("[")) {
                result.add(full);
                continue;
            }
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            List<Path> matched = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                stream.forEach(matched::add);
            }
            matched.sort(null);
            result.addAll(matched);
        }
        return result;
    }
}
