package dev.vigil.alerting.notify.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.AlertStatus;
import dev.vigil.alerting.notify.Silence;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertmanagerJsonTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsAPostedSilenceAsAmtoolSendsIt() {
        var posted = AlertmanagerJson.readPostableSilence(
                """
                {"matchers":[{"name":"alertname","value":"Disk.*","isRegex":true},
                             {"name":"env","value":"prod","isRegex":false,"isEqual":false}],
                 "startsAt":"2024-05-01T12:00:00.000Z","endsAt":"2024-05-01T14:00:00+02:00",
                 "createdBy":"bob","comment":"disk swap"}""");
        assertThat(posted.id()).isEmpty();
        assertThat(posted.spec().matchers())
                .containsExactly(Matcher.regex("alertname", "Disk.*"), Matcher.notEqual("env", "prod"));
        assertThat(posted.spec().endsAt()).isEqualTo(NOW);
        assertThat(posted.spec().createdBy()).isEqualTo("bob");
    }

    @Test
    void writesSilencesWithTheirState() throws Exception {
        Silence s =
                new Silence("abc", List.of(Matcher.notRegex("job", "a|b")), NOW, NOW.plusSeconds(60), NOW, "me", "c");
        JsonNode node = MAPPER.readTree(AlertmanagerJson.writeSilences(List.of(s), NOW.plusSeconds(1)))
                .get(0);
        assertThat(node.get("id").asText()).isEqualTo("abc");
        assertThat(node.get("status").get("state").asText()).isEqualTo("active");
        assertThat(node.get("matchers").get(0).toString())
                .isEqualTo("{\"name\":\"job\",\"value\":\"a|b\",\"isRegex\":true,\"isEqual\":false}");
        assertThat(node.get("startsAt").asText()).isEqualTo("2024-05-01T12:00:00.000Z");
        assertThat(AlertmanagerJson.writeSilenceId("abc")).isEqualTo("{\"silenceID\":\"abc\"}");
        assertThat(AlertmanagerJson.readStoredSilence(AlertmanagerJson.writeStoredSilence(s)))
                .isEqualTo(s);
    }

    @Test
    void readsPostedAlerts() {
        List<Alert> alerts = AlertmanagerJson.readPostableAlerts(
                """
                [{"labels":{"alertname":"Up","job":"a"},"annotations":{"summary":"s"},
                  "startsAt":"2024-05-01T11:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://g"},
                 {"labels":{"alertname":"Other"},"endsAt":"2024-05-01T13:00:00Z"}]""",
                NOW);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).labels()).isEqualTo(Labels.of("alertname", "Up", "job", "a"));
        assertThat(alerts.get(0).endsAt()).as("Go zero time means unset").isEmpty();
        assertThat(alerts.get(0).generatorURL()).isEqualTo("http://g");
        assertThat(alerts.get(1).startsAt()).isEqualTo(NOW);
        assertThat(alerts.get(1).endsAt()).contains(Instant.parse("2024-05-01T13:00:00Z"));
    }

    @Test
    void namesTheBadField() {
        assertThatThrownBy(() -> AlertmanagerJson.readPostableAlerts("[{\"labels\":{\"a\":1}}]", NOW))
                .hasMessage("[0].labels.a: expected a string");
        assertThatThrownBy(() -> AlertmanagerJson.readPostableAlerts("{}", NOW))
                .hasMessage("expected a JSON array of alerts");
        assertThatThrownBy(() -> AlertmanagerJson.readPostableAlerts("[{\"startsAt\":\"yesterday\"}]", NOW))
                .hasMessage("[0].startsAt: invalid RFC 3339 time \"yesterday\"");
        assertThatThrownBy(
                        () -> AlertmanagerJson.readPostableSilence("{\"matchers\":[{\"name\":\"a\",\"value\":\"b\"}]}"))
                .hasMessage("matchers[0].isRegex: required");
        assertThatThrownBy(
                        () -> AlertmanagerJson.readPostableSilence(
                                "{\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}],\"startsAt\":\"2024-05-01T12:00:00Z\",\"endsAt\":\"2024-05-01T12:00:00Z\"}"))
                .hasMessageStartingWith("matchers[0]: matcher a=~: invalid regex");
        assertThatThrownBy(() -> AlertmanagerJson.readPostableSilence("{")).hasMessageStartingWith("invalid JSON");
    }

    @Test
    void writesAlertsWithStatus() throws Exception {
        Alert a = new Alert(
                Labels.of("alertname", "X"),
                Map.of("d", "e"),
                NOW,
                Optional.of(NOW.plusSeconds(300)),
                "http://g",
                NOW,
                false);
        String json = AlertmanagerJson.writeAlerts(
                List.of(new AlertStatus(a, "suppressed", List.of("s1"), List.of(), List.of("team"))));
        JsonNode node = MAPPER.readTree(json).get(0);
        assertThat(node.get("fingerprint").asText())
                .isEqualTo(a.fingerprintHex())
                .hasSize(16);
        assertThat(node.get("status").toString())
                .isEqualTo("{\"inhibitedBy\":[],\"silencedBy\":[\"s1\"],\"mutedBy\":[],\"state\":\"suppressed\"}");
        assertThat(node.get("receivers").get(0).get("name").asText()).isEqualTo("team");
        assertThat(node.get("endsAt").asText()).isEqualTo("2024-05-01T12:05:00.000Z");
        assertThat(node.get("labels").get("alertname").asText()).isEqualTo("X");
    }
}
