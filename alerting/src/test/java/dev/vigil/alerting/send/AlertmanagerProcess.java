package dev.vigil.alerting.send;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port with its own storage
 * directory and clustering off, for interop tests. {@link #start} returns null when the binary is absent.
 */
final class AlertmanagerProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Process process;
    final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private AlertmanagerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static AlertmanagerProcess start(Path dir, String config) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            return null;
        }
        Path configFile = dir.resolve("alertmanager.yml");
        Files.writeString(configFile, config);
        int port = freePort();
        Process p = new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "--config.file=" + configFile,
                        "--storage.path=" + Files.createDirectories(dir.resolve("am-data")),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address="))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        AlertmanagerProcess am = new AlertmanagerProcess(p, port);
        am.awaitReady(dir);
        return am;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "alertmanager exited: " + Files.readString(dir.resolve("alertmanager.log")));
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "alertmanager did not become ready: " + Files.readString(dir.resolve("alertmanager.log")));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
