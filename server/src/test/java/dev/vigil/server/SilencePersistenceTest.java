package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.server.support.Http;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silences created through the Alertmanager API live in the TSDB's key-value store and survive a restart. */
class SilencePersistenceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void silenceCreatedBeforeARestartIsStillThereAfterIt() throws Exception {
        Path config = dir.resolve("vigil.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1m\n");
        Path data = dir.resolve("data");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String body =
                """
                {"matchers":[{"name":"alertname","value":"Disk.*","isRegex":true,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"sre","comment":"maintenance"}
                """
                        .formatted(now.minusSeconds(60), now.plus(2, ChronoUnit.HOURS));

        String id;
        int port = Http.freePort();
        try (VigilServer server =
                VigilServer.start(TestOptions.of(data, config, port, false), new TsdbStorageFactory())) {
            HttpResponse<String> created =
                    Http.post("http://127.0.0.1:" + port + "/api/v2/silences", "application/json", body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            id = MAPPER.readTree(created.body()).get("silenceID").asText();
        }

        port = Http.freePort();
        try (VigilServer server =
                VigilServer.start(TestOptions.of(data, config, port, false), new TsdbStorageFactory())) {
            JsonNode silences = MAPPER.readTree(
                    Http.get("http://127.0.0.1:" + port + "/api/v2/silences").body());
            assertThat(silences).hasSize(1);
            JsonNode silence = silences.get(0);
            assertThat(silence.get("id").asText()).isEqualTo(id);
            assertThat(silence.get("comment").asText()).isEqualTo("maintenance");
            assertThat(silence.at("/status/state").asText()).isEqualTo("active");
            assertThat(silence.at("/matchers/0/value").asText()).isEqualTo("Disk.*");
        }
    }
}
