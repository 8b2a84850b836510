package dev.vigil.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What was built: version, git revision, branch and build time, filtered into a resource by Maven. */
public record BuildInfo(String version, String revision, String branch, String buildDate) {

    /** Reads the build-info resource packaged with the server; placeholders left by a non-git build read "unknown". */
    public static BuildInfo current() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build-info.properties", e);
        }
        return new BuildInfo(
                value(props, "version"), value(props, "revision"), value(props, "branch"), value(props, "buildDate"));
    }

    private static String value(Properties props, String key) {
        String v = props.getProperty(key, "");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }

    public static String javaVersion() {
        return System.getProperty("java.version");
    }

    /** The text of {@code vigil --version}, in the shape of Prometheus's. */
    public String versionText() {
        return "vigil, version " + version + " (branch: " + branch + ", revision: " + revision + ")\n"
                + "  build date:       " + buildDate + "\n"
                + "  java version:     " + javaVersion() + " (" + System.getProperty("java.vendor") + ")\n"
                + "  platform:         " + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                + System.getProperty("os.arch");
    }
}
