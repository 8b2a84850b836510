package dev.vigil.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Alertmanager's own CLI, amtool 0.25, manages silences and lists alerts through Vigil's API. */
class AmtoolInteropTest {
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Exit code, standard output, and standard error (where amtool warns that the versions differ). */
    private record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private static Result amtool(ApiFixture api, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AMTOOL.toString(), "--alertmanager.url=" + api.url()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void amtoolAddsQueriesAndExpiresSilencesAndQueriesAlerts() throws Exception {
        if (!Files.isExecutable(AMTOOL)) {
            System.out.println(
                    "SKIPPED AmtoolInteropTest: " + AMTOOL + " is not installed (Debian prometheus-alertmanager)");
            Assumptions.abort("amtool is not installed");
        }
        try (ApiFixture api = new ApiFixture("route:\n  receiver: team\nreceivers:\n  - name: team\n", true)) {
            api.post("/api/v2/alerts", "[{\"labels\":{\"alertname\":\"Disk\",\"instance\":\"a\"}}]");

            Result added = amtool(
                    api, "silence", "add", "alertname=Disk", "--comment=maintenance", "--author=ops", "--duration=1h");
            assertThat(added.exit()).as(added.toString()).isZero();
            String id = added.out().strip();
            assertThat(id).matches("[0-9a-f-]{36}");

            Result query = amtool(api, "silence", "query", "-o", "json");
            assertThat(query.exit()).as(query.toString()).isZero();
            JsonNode silences = MAPPER.readTree(query.out());
            assertThat(silences.get(0).get("id").asText()).isEqualTo(id);
            assertThat(silences.get(0).get("createdBy").asText()).isEqualTo("ops");

            Result alerts = amtool(api, "alert", "query", "-o", "json", "--silenced");
            assertThat(alerts.exit()).as(alerts.toString()).isZero();
            JsonNode listed = MAPPER.readTree(alerts.out());
            assertThat(listed.size()).as(alerts.toString()).isEqualTo(1);
            assertThat(listed.get(0).get("labels").get("alertname").asText()).isEqualTo("Disk");
            assertThat(listed.get(0).get("status").get("silencedBy").get(0).asText())
                    .isEqualTo(id);

            Result expired = amtool(api, "silence", "expire", id);
            assertThat(expired.exit()).as(expired.toString()).isZero();
            Result after = amtool(api, "silence", "query", "-o", "json");
            assertThat(MAPPER.readTree(after.out()).size())
                    .as("expired silences are not shown by default")
                    .isZero();
        }
    }
}
