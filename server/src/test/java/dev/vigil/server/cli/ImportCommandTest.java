package dev.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void importsOpenMetricsAndReportsRejectedLinesByNumber() throws IOException {
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
    void refusesADirectoryARunningServerHolds() throws IOException {
        Path file = dir.resolve("x.prom");
        Files.writeString(file, "up 1 1700000000000\n");
        Path data = dir.resolve("data");
        try (Tsdb running = Tsdb.open(TsdbOptions.of(data))) {
            int code = run("import", "openmetrics", file.toString(), "--storage.tsdb.path=" + data);

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("storage directory " + data + " is in use by another process");
        }
    }

    private static List<Long> samples(Path data, String code) {
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
