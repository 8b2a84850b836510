package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code vigil server} as a child JVM, as a user would, and drives it with signals. */
class ProcessLifecycleTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private String start(String... extraArgs) throws IOException, InterruptedException {
        int port = Http.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.vigil.server.Main",
                "server",
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        Http.pollUntil(base + "/-/ready", r -> r.statusCode() == 200, DEADLINE);
        return base;
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    }

    @Test
    void sigtermShutsDownCleanlyAndExitsZero() throws Exception {
        String base = start();
        assertThat(Http.get(base + "/metrics").body()).contains("process_cpu_seconds_total");

        process.destroy(); // SIGTERM

        assertThat(process.waitFor(10, TimeUnit.SECONDS))
                .as("exited within 10s")
                .isTrue();
        assertThat(process.exitValue()).as(log()).isZero();
        assertThat(log())
                .contains("msg=\"Received termination request, shutting down gracefully\" signal=SIGTERM")
                .contains("msg=\"Closing storage\"")
                .contains("msg=\"See you next time!\"")
                .doesNotContain("level=error");
    }

    @Test
    void sighupReloadsTheConfigFile() throws Exception {
        Path config = dir.resolve("vigil.yml");
        Files.writeString(config, "global:\n  scrape_interval: 30s\n");
        String base = start("--config.file=" + config);

        Files.writeString(config, "global:\n  scrape_interval: [oops\n");
        signal("HUP");
        Http.pollUntil(base + "/metrics", r -> r.body().contains("vigil_config_last_reload_successful 0"), DEADLINE);

        Files.writeString(config, "global:\n  scrape_interval: 10s\n");
        signal("HUP");
        Http.pollUntil(base + "/metrics", r -> r.body().contains("vigil_config_last_reload_successful 1"), DEADLINE);
        assertThat(log()).contains("Error reloading config").contains(config.toString());
    }

    @Test
    void startupLogsOneLineWithVersionAddressStorageAndConfig() throws Exception {
        start();
        assertThat(log())
                .containsPattern(
                        "level=info msg=\"Starting Vigil\" version=\\S+ revision=\\S+ listen_address=127.0.0.1:\\d+ "
                                + "storage_path="
                                + Pattern.quote(dir.resolve("data").toString())
                                + " config_file=\"<embedded default>\"");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
