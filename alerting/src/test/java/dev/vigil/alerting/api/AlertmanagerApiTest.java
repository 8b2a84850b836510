package dev.vigil.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alertmanager v2 endpoints: bodies, filters and error shapes as Alertmanager's. */
class AlertmanagerApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONFIG =
            """
            route:
              receiver: team
              routes:
                - matchers: [severity="page"]
                  receiver: pager
            receivers:
              - name: team
              - name: pager
            """;

    private ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = new ApiFixture(CONFIG);
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    private String silence(String matcherName, String value, Instant start, Instant end, String extra) {
        return """
                {%s"matchers":[{"name":"%s","value":"%s","isRegex":false,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"ops","comment":"maintenance"}
                """
                .formatted(extra, matcherName, value, start, end);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void silencesCanBeCreatedListedFetchedAndExpired() throws Exception {
        Instant now = api.clock.now();
        HttpResponse<String> created =
                api.post("/api/v2/silences", silence("alertname", "Disk", now, now.plus(Duration.ofHours(2)), ""));
        assertThat(created.statusCode()).isEqualTo(200);
        String id = json(created).get("silenceID").asText();

        JsonNode one = json(api.get("/api/v2/silence/" + id));
        assertThat(one.get("status").get("state").asText()).isEqualTo("active");
        assertThat(one.get("createdBy").asText()).isEqualTo("ops");
        assertThat(one.get("matchers").get(0).get("name").asText()).isEqualTo("alertname");

        api.post(
                "/api/v2/silences",
                silence("team", "db", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)), ""));
        JsonNode all = json(api.get("/api/v2/silences"));
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.get(0).get("status").get("state").asText())
                .as("active first")
                .isEqualTo("active");
        assertThat(all.get(1).get("status").get("state").asText()).isEqualTo("pending");
        JsonNode filtered = json(api.get("/api/v2/silences?filter=" + q("team=\"db\"")));
        assertThat(filtered.size()).isEqualTo(1);

        assertThat(api.delete("/api/v2/silence/" + id).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/v2/silence/" + id))
                        .get("status")
                        .get("state")
                        .asText())
                .isEqualTo("expired");
        HttpResponse<String> again = api.delete("/api/v2/silence/" + id);
        assertThat(again.statusCode()).isEqualTo(500);
        assertThat(json(again).asText()).contains("already expired");
    }

    @Test
    void updatingASilenceKeepsOrReplacesItsId() throws Exception {
        Instant now = api.clock.now();
        String id = json(api.post(
                        "/api/v2/silences", silence("alertname", "Disk", now, now.plus(Duration.ofHours(2)), "")))
                .get("silenceID")
                .asText();
        String extended = json(api.post(
                        "/api/v2/silences",
                        silence("alertname", "Disk", now, now.plus(Duration.ofHours(5)), "\"id\":\"" + id + "\",")))
                .get("silenceID")
                .asText();
        assertThat(extended).as("same matchers, active: changed in place").isEqualTo(id);
        HttpResponse<String> unknown = api.post(
                "/api/v2/silences",
                silence(
                        "alertname",
                        "Disk",
                        now,
                        now.plus(Duration.ofHours(5)),
                        "\"id\":\"00000000-0000-0000-0000-000000000000\","));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).isTextual()).isTrue();
    }

    @Test
    void badSilenceRequestsGetAlertmanagersErrorShapes() throws Exception {
        Instant now = api.clock.now();
        HttpResponse<String> notJson = api.post("/api/v2/silences", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("code").asInt()).isEqualTo(400);
        assertThat(json(notJson).get("message").asText()).startsWith("parsing silence body from \"\" failed");

        HttpResponse<String> array = api.post("/api/v2/silences", "[]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).get("message").asText())
                .endsWith("cannot unmarshal array into Go value of type models.PostableSilence");

        HttpResponse<String> missing = api.post(
                "/api/v2/silences",
                "{\"matchers\":[{\"name\":\"a\",\"value\":\"b\",\"isRegex\":false}],\"startsAt\":\"" + now
                        + "\",\"endsAt\":\"" + now.plusSeconds(60) + "\",\"createdBy\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(json(missing).get("code").asInt()).isEqualTo(602);
        assertThat(json(missing).get("message").asText()).isEqualTo("comment in body is required");

        HttpResponse<String> past =
                api.post("/api/v2/silences", silence("a", "b", now.minusSeconds(7200), now.minusSeconds(3600), ""));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(json(past).asText()).isEqualTo("end time can't be in the past");

        HttpResponse<String> badId = api.get("/api/v2/silence/not-a-uuid");
        assertThat(badId.statusCode()).isEqualTo(422);
        assertThat(json(badId).get("code").asInt()).isEqualTo(601);
        assertThat(json(badId).get("message").asText())
                .isEqualTo("silenceID in path must be of type uuid: \"not-a-uuid\"");

        HttpResponse<String> absent = api.get("/api/v2/silence/00000000-0000-0000-0000-000000000000");
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(absent.body()).isEmpty();
    }

    @Test
    void postedAlertsAreListedWithSilencingAndFilters() throws Exception {
        Instant now = api.clock.now();
        String alerts =
                """
                [{"labels":{"alertname":"Disk","severity":"page","instance":"a"},"annotations":{"summary":"full"},
                  "startsAt":"%s","endsAt":"%s","generatorURL":"http://vigil/graph"},
                 {"labels":{"alertname":"Cpu","instance":"b"}},
                 {"labels":{"alertname":"Old"},"startsAt":"%s","endsAt":"%s"}]
                """
                        .formatted(now, now.plusSeconds(600), now.minusSeconds(600), now.minusSeconds(300));
        assertThat(api.post("/api/v2/alerts", alerts).statusCode()).isEqualTo(200);

        JsonNode list = json(api.get("/api/v2/alerts"));
        assertThat(list.size()).as("the resolved alert is not listed").isEqualTo(2);
        JsonNode disk = find(list, "Disk");
        assertThat(disk.get("status").get("state").asText()).isEqualTo("active");
        assertThat(disk.get("receivers").get(0).get("name").asText()).isEqualTo("pager");
        assertThat(disk.get("annotations").get("summary").asText()).isEqualTo("full");
        assertThat(Instant.parse(disk.get("endsAt").asText()))
                .isEqualTo(now.plusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        String id = json(api.post("/api/v2/silences", silence("alertname", "Disk", now, now.plusSeconds(3600), "")))
                .get("silenceID")
                .asText();
        disk = find(json(api.get("/api/v2/alerts")), "Disk");
        assertThat(disk.get("status").get("state").asText()).isEqualTo("suppressed");
        assertThat(disk.get("status").get("silencedBy").get(0).asText()).isEqualTo(id);
        assertThat(json(api.get("/api/v2/alerts?silenced=false")).size()).isEqualTo(1);
        assertThat(json(api.get("/api/v2/alerts?active=false")).size()).isEqualTo(1);
        assertThat(json(api.get("/api/v2/alerts?filter=" + q("instance=~\"a|b\"") + "&filter="
                                + q("alertname=\"Cpu\"")))
                        .size())
                .isEqualTo(1);
        assertThat(json(api.get("/api/v2/alerts?receiver=pag.*")).size()).isEqualTo(1);
        HttpResponse<String> badBool = api.get("/api/v2/alerts?active=maybe");
        assertThat(badBool.statusCode()).isEqualTo(422);
        assertThat(json(badBool).get("message").asText()).isEqualTo("active in query must be of type bool: \"maybe\"");
    }

    @Test
    void invalidPostedAlertsAreRejectedAndValidOnesKept() throws Exception {
        HttpResponse<String> noLabels = api.post("/api/v2/alerts", "[{\"annotations\":{}}]");
        assertThat(noLabels.statusCode()).isEqualTo(422);
        assertThat(json(noLabels).get("message").asText()).isEqualTo("0.labels in body is required");

        HttpResponse<String> mixed =
                api.post("/api/v2/alerts", "[{\"labels\":{\"alertname\":\"Good\"}},{\"labels\":{\"bad-name\":\"x\"}}]");
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(json(mixed).asText()).contains("invalid label set");
        assertThat(json(api.get("/api/v2/alerts")).size()).isEqualTo(1);
    }

    @Test
    void statusAndReceivers() throws Exception {
        JsonNode status = json(api.get("/api/v2/status"));
        assertThat(status.get("cluster").get("status").asText()).isEqualTo("disabled");
        assertThat(status.get("versionInfo").get("version").asText()).isEqualTo("1.2.3");
        assertThat(status.get("config").get("original").asText()).contains("receiver: team");
        assertThat(status.get("uptime").asText()).isEqualTo("2024-05-01T00:00:00.000Z");
        JsonNode receivers = json(api.get("/api/v2/receivers"));
        assertThat(receivers.findValuesAsText("name")).containsExactly("team", "pager");
    }

    @Test
    void answers503UntilTheNotifierRuns() throws Exception {
        api.service.getAndSet(null).close();
        HttpResponse<String> r = api.get("/api/v2/silences");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).asText()).isEqualTo("the notifier is not running yet");
    }

    private static JsonNode find(JsonNode list, String alertname) {
        for (JsonNode a : list) {
            if (a.get("labels").get("alertname").asText().equals(alertname)) {
                return a;
            }
        }
        throw new AssertionError("no alert " + alertname + " in " + list);
    }
}
