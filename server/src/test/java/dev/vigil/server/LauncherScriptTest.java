package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/vigil} from a copy of the checkout's layout with a stand-in {@code java} that prints what it was
 * started with, so the JVM options and the malloc settings the script chooses can be asserted.
 */
class LauncherScriptTest {
    @TempDir
    Path dir;

    private Path script;
    private Path javaHome;

    @BeforeEach
    void layout() throws IOException {
        script = dir.resolve("bin/vigil");
        Files.createDirectories(script.getParent());
        Files.copy(Path.of("..", "bin", "vigil"), script);
        Files.createDirectories(dir.resolve("server/target"));
        Files.writeString(dir.resolve("server/target/vigil.jar"), "");
        javaHome = dir.resolve("jdk");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(
                java,
                """
                #!/bin/sh
                echo "LD_PRELOAD=${LD_PRELOAD:-}"
                echo "MALLOC_CONF=${MALLOC_CONF:-}"
                echo "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-}"
                echo "MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-}"
                echo "ARGS=$*"
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(), "server").redirectErrorStream(true);
        builder.environment().remove("LD_PRELOAD");
        builder.environment().remove("MALLOC_CONF");
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().remove("MALLOC_MMAP_THRESHOLD_");
        builder.environment().remove("VIGIL_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void startsTheJarWithTheSerialCollectorAndFewMallocArenas() throws Exception {
        String out = run(Map.of("VIGIL_MALLOC", "system"));
        assertThat(out)
                .contains("ARGS=-XX:+UseSerialGC -Xms32m -XX:MaxNewSize=16m")
                .contains("-jar " + dir.resolve("bin/../server/target/vigil.jar") + " server")
                .contains("MALLOC_ARENA_MAX=2\n")
                .contains("MALLOC_MMAP_THRESHOLD_=131072\n");
    }

    @Test
    void aCollectorNamedInVigilJavaOptsReplacesTheDefaultOne() throws Exception {
        String out = run(Map.of("VIGIL_MALLOC", "system", "VIGIL_JAVA_OPTS", "-XX:+UseParallelGC -Xmx1g"));
        assertThat(out).contains("ARGS=-XX:+UseParallelGC -Xmx1g -jar").doesNotContain("UseSerialGC");
    }

    @Test
    void mallocSettingsFromTheEnvironmentAreKept() throws Exception {
        String out = run(Map.of("VIGIL_MALLOC", "system", "MALLOC_ARENA_MAX", "4"));
        assertThat(out).contains("MALLOC_ARENA_MAX=4\n");
    }

    @Test
    void jemallocIsPreloadedWhenPresent() throws Exception {
        Path lib = Files.writeString(dir.resolve("libjemalloc.so.2"), "");
        String out = run(Map.of("VIGIL_JEMALLOC", lib.toString()));
        assertThat(out)
                .contains("LD_PRELOAD=" + lib + "\n")
                .contains("MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0,narenas:2\n");
    }

    @Test
    void aUsersMallocConfAndPreloadsAreKept() throws Exception {
        Path lib = Files.writeString(dir.resolve("libjemalloc.so.2"), "");
        String out = run(
                Map.of("VIGIL_JEMALLOC", lib.toString(), "MALLOC_CONF", "narenas:1", "LD_PRELOAD", "/opt/libother.so"));
        assertThat(out).contains("LD_PRELOAD=" + lib + ":/opt/libother.so\n").contains("MALLOC_CONF=narenas:1\n");
    }

    @Test
    void noJemallocWhenAbsentOrDeclined() throws Exception {
        assertThat(run(Map.of("VIGIL_JEMALLOC", dir.resolve("missing.so").toString())))
                .contains("LD_PRELOAD=\n")
                .contains("MALLOC_CONF=\n");
        Path lib = Files.writeString(dir.resolve("libjemalloc.so.2"), "");
        assertThat(run(Map.of("VIGIL_JEMALLOC", lib.toString(), "VIGIL_MALLOC", "system")))
                .contains("LD_PRELOAD=\n");
    }
}
