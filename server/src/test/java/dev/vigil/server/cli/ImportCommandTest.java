package dev.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VigilCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void importsOpenMetricsAndReportsRejectedLinesByNumber() throws Exception {
        Path file = dir.resolve("backfill.om.txt");
        Files.writeString(
                file,
                """
                # TYPE http_requests counter
                http_requests_total{code="200",job="api"} 10 1700000000
                http_requests_total{code="200",job="api"} 15 1700000015
                http_requests_total{code="500",job="api"} 1 1700000000
                http_requests_total{code="200",job="api"} 12 1700000005
                http_requests_total{code="500",job="api"} 2 1700000015.5
                # EOF
                """);
        Path data = dir.resolve("data");

        int code = run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data);

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("Series:   2")
                .contains("Samples:  4")
                .contains("Time range: 2023-11-14T22:13:20Z .. 2023-11-14T22:13:35.500Z")
                .contains("Rejected: 1")
                .containsPattern("line 5: .*out of order");
        assertThat(samples(data, "200")).containsExactly(1_700_000_000_000L, 1_700_000_015_000L);
        assertThat(samples(data, "500")).containsExactly(1_700_000_000_000L, 1_700_000_015_500L);
    }

    @Test
    void prometheusTextNeedsTimestampsAndKeepsTheRest() throws IOException {
        Path file = dir.resolve("backfill.prom");
        Files.writeString(
                file,
                """
                # TYPE temperature gauge
                temperature{room="a"} 20.5 1700000000000
                temperature{room="b"} 19
                temperature{room="a"} 21 1700000060000
                """);
        Path data = dir.resolve("data");

        int code = run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data);

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Samples:  2").contains("line 3: sample has no timestamp");
    }

    @Test
    void aSyntaxErrorStopsTheImportKeepingEarlierSamples() throws IOException {
        Path file = dir.resolve("broken.prom");
        Files.writeString(file, "up{job=\"a\"} 1 1700000000000\nup{job=\"a\" 1 1700000015000\n");
        Path data = dir.resolve("data");

        int code = run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("Samples:  1").contains("Stopped early at line 2");
    }

    @Test
    void refusesADirectoryAnotherProcessHolds() throws Exception {
        Path file = dir.resolve("x.prom");
        Files.writeString(file, "up 1 1700000000000\n");
        Path data = dir.resolve("data");
        Process holder = javaProcess(List.of(), TsdbHolder.class.getName(), data.toString());
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine(); // log lines come first
            } while (line != null && !line.equals("open"));
            assertThat(line).as("the holder opened the TSDB").isEqualTo("open");

            int code = run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data);

            assertThat(code).isEqualTo(1);
            assertThat(err.toString())
                    .contains("storage directory " + data + " is in use by another process")
                    .contains("Stop it before importing");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data))
                .as("works once the other process is gone")
                .isZero();
    }

    @Test
    void historyOlderThanStoredSamplesIsImportedBesideThem() throws Exception {
        Path data = dir.resolve("data");
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(data))) {
            Appender app = tsdb.appender();
            app.append(
                    0,
                    Labels.of("__name__", "http_requests_total", "code", "200", "job", "api"),
                    1_700_100_000_000L,
                    99);
            app.commit();
        }
        Path file = dir.resolve("old.om.txt");
        Files.writeString(
                file,
                """
                http_requests_total{code="200",job="api"} 10 1700000000
                http_requests_total{code="200",job="api"} 15 1700000015
                # EOF
                """);

        int code = run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data);

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Samples:  2").contains("Rejected: 0");
        assertThat(samples(data, "200")).containsExactly(1_700_000_000_000L, 1_700_000_015_000L, 1_700_100_000_000L);
    }

    @Test
    void streamsAFileLargerThanTheHeap() throws Exception {
        Path file = dir.resolve("big.om.txt");
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder(128);
            for (int s = 0; s < 50; s++) {
                for (long t = 0; t < 30_000; t++) {
                    line.setLength(0);
                    line.append("node_network_receive_bytes_total{device=\"eth")
                            .append(s)
                            .append("\",instance=\"host-with-a-long-name.example.com:9100\",job=\"node\"} ")
                            .append(t * 1000 + s)
                            .append(' ')
                            .append(1_700_000_000L + t * 15)
                            .append('\n');
                    w.append(line);
                    lines++;
                }
            }
            w.append("# EOF\n");
        }
        assertThat(Files.size(file)).isGreaterThan(150L << 20);
        Path data = dir.resolve("data");
        Process importer = javaProcess(
                List.of("-Xmx64m"),
                "dev.vigil.server.Main",
                "import",
                "openmetrics",
                file.toString(),
                "--storage.tsdb.path=" + data);
        String output = new String(importer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(importer.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(importer.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("Series:   50")
                .contains("Samples:  " + lines)
                .contains("Rejected: 0")
                .contains("  " + lines + " samples imported, 100% of the file read");
    }

    private static Process javaProcess(List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<Long> samples(Path data, String code) throws Exception {
        List<Long> timestamps = new ArrayList<>();
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(data));
                Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set =
                    q.select(true, Matcher.equal("__name__", "http_requests_total"), Matcher.equal("code", code));
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    timestamps.add(it.timestamp());
                }
            }
        }
        return timestamps;
    }
}
