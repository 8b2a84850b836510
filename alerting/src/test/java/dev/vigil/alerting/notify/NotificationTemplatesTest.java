package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.template.TemplateException;
import dev.vigil.model.labels.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationTemplatesTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final NotificationTemplates DEFAULTS = NotificationTemplates.defaults();

    private static Alert alert(String instance, boolean resolved) {
        return Alert.of(
                Labels.of("alertname", "DiskFull", "severity", "page", "instance", instance),
                Map.of("summary", "disk of " + instance + " full", "runbook", "http://rb"),
                NOW.minusSeconds(600),
                Optional.of(resolved ? NOW.minusSeconds(60) : NOW.plusSeconds(600)),
                "http://vigil/graph?g0.expr=x");
    }

    private static NotificationData data(String receiver, Alert... alerts) {
        return NotificationData.of(
                new NotificationContext(
                        receiver,
                        "{}:{alertname=\"DiskFull\"}",
                        Labels.of("alertname", "DiskFull"),
                        NOW,
                        "http://vigil:9090"),
                List.of(alerts));
    }

    private static String expand(String text, NotificationData data) throws TemplateException {
        return DEFAULTS.expand(text, data);
    }

    @Test
    void defaultSlackTemplatesMatchAlertmanagersOutput() throws TemplateException {
        NotificationData firing = data("team", alert("a", false), alert("b", false), alert("c", true));
        assertThat(DEFAULTS.executeTemplate("slack.default.title", firing)).isEqualTo("[FIRING:2] DiskFull (page)");
        assertThat(DEFAULTS.executeTemplate("slack.default.titlelink", firing))
                .isEqualTo("http://vigil:9090/#/alerts?receiver=team");
        assertThat(DEFAULTS.executeTemplate("slack.default.fallback", firing))
                .isEqualTo("[FIRING:2] DiskFull (page) | http://vigil:9090/#/alerts?receiver=team");
        assertThat(DEFAULTS.executeTemplate("slack.default.username", firing)).isEqualTo("Vigil");
        assertThat(DEFAULTS.executeTemplate("slack.default.text", firing)).isEmpty();

        NotificationData resolved = data("team", alert("a", true));
        assertThat(DEFAULTS.executeTemplate("slack.default.title", resolved)).isEqualTo("[RESOLVED] DiskFull (a page)");
        assertThat(expand("{{ template \"__text_alert_list\" .Alerts }}", resolved))
                .isEqualTo(
                        "Labels:\n - alertname = DiskFull\n - instance = a\n - severity = page\nAnnotations:\n"
                                + " - runbook = http://rb\n - summary = disk of a full\nSource: http://vigil/graph?g0.expr=x\n");
    }

    @Test
    void defaultDiscordTemplatesListFiringThenResolvedAlerts() throws TemplateException {
        NotificationData d = data("team", alert("a", false), alert("b", true));
        assertThat(DEFAULTS.executeTemplate("discord.default.title", d)).isEqualTo("[FIRING:1] DiskFull (page)");
        assertThat(DEFAULTS.executeTemplate("discord.default.message", d))
                .startsWith("Alerts Firing:\nLabels:\n - alertname = DiskFull\n - instance = a\n")
                .contains("Source: http://vigil/graph?g0.expr=x\nAlerts Resolved:\nLabels:\n - alertname = DiskFull\n"
                        + " - instance = b\n");
    }

    @Test
    void exposesAlertmanagersDataModel() throws TemplateException {
        NotificationData d = data("team.a", alert("a", false), alert("b", true));
        assertThat(expand("{{ .Status }} {{ len .Alerts }} {{ len .Alerts.Firing }} {{ len .Alerts.Resolved }}", d))
                .isEqualTo("firing 2 1 1");
        assertThat(expand("{{ range .Alerts.Firing }}{{ .Labels.instance }}{{ end }}", d))
                .isEqualTo("a");
        assertThat(expand("{{ range .Alerts }}{{ .Status }}:{{ .Fingerprint | len }} {{ end }}", d))
                .isEqualTo("firing:16 resolved:16 ");
        assertThat(expand("{{ .Receiver }}", d)).isEqualTo("team\\.a");
        assertThat(expand("{{ .CommonLabels.SortedPairs }}", d)).isEqualTo("[{alertname DiskFull} {severity page}]");
        assertThat(expand("{{ .CommonLabels.Remove .GroupLabels.Names }}", d)).isEqualTo("map[severity:page]");
        assertThat(expand("{{ .CommonAnnotations.runbook }}|{{ .CommonAnnotations.summary }}", d))
                .isEqualTo("http://rb|<no value>");
        assertThat(expand("{{ (index .Alerts 0).EndsAt }}", d)).isEqualTo("0001-01-01 00:00:00 +0000 UTC");
        assertThat(expand("{{ (index .Alerts 1).EndsAt.Format \"15:04:05\" }}", d))
                .isEqualTo("11:59:00");
        assertThat(expand("{{ (index .Alerts 0).StartsAt | date \"2006-01-02 15:04 MST\" }}", d))
                .isEqualTo("2024-05-01 11:50 UTC");
        assertThat(expand("{{ (index .Alerts 0).StartsAt | tz \"Europe/Berlin\" | date \"15:04 -07:00\" }}", d))
                .isEqualTo("13:50 +02:00");
        assertThat(expand("{{ stringSlice \"a\" \"b\" | join \",\" }} {{ trimSpace \"  x \" }}", d))
                .isEqualTo("a,b x");
        assertThat(expand("{{ .GroupLabels | toJson }}", d)).isEqualTo("{\"alertname\":\"DiskFull\"}");
        assertThat(expand("{{ .ExternalURL }}", d)).isEqualTo("http://vigil:9090");
    }

    @Test
    void userTemplateFilesOverrideDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.tmpl"), "{{ define \"slack.default.title\" }}custom {{ .Status }}{{ end }}");
        Files.writeString(
                dir.resolve("b.tmpl"), "{{ define \"mine\" }}{{ template \"slack.default.title\" . }}!{{ end }}");
        Files.writeString(dir.resolve("ignored.txt"), "{{ broken");
        List<Path> files = NotificationTemplates.expandGlob("*.tmpl", dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("a.tmpl", "b.tmpl");
        NotificationTemplates t = NotificationTemplates.load(files);
        assertThat(t.expand("{{ template \"mine\" . }}", data("x", alert("a", false))))
                .isEqualTo("custom firing!");
    }
}
