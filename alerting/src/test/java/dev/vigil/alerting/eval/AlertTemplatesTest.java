package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.status.AlertingRuleStatus;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.model.labels.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates in alert labels and annotations, expanded per alert at each evaluation. */
class AlertTemplatesTest {
    @TempDir
    Path dir;

    @Test
    void expandsLabelsAndAnnotationsWithValueQueryAndExternalData() throws Exception {
        RuleHarness h = new RuleHarness(dir, Instant.parse("2024-05-01T00:00:00Z"));
        h.start(RuleManagerOptions.DEFAULTS);
        h.load(
                """
                groups:
                  - name: g
                    interval: 30s
                    rules:
                      - alert: DiskFull
                        expr: disk_used_ratio > 0.8
                        labels:
                          severity: "{{ if gt $value 0.95 }}critical{{ else }}warning{{ end }}"
                        annotations:
                          summary: "{{ $labels.device }} on {{ $externalLabels.cluster }} is {{ $value | humanizePercentage }} full"
                          total: '{{ with query "sum(disk_used_ratio)" }}{{ . | first | value | printf "%.2f" }}{{ end }}'
                          link: "{{ $externalURL }}"
                          broken: '{{ query "sum(" }}'
                """);
        long zero = h.firstSlot("g", Duration.ofSeconds(30));
        h.append(Labels.of("__name__", "disk_used_ratio", "device", "sda"), zero, 0.97);
        h.append(Labels.of("__name__", "disk_used_ratio", "device", "sdb"), zero, 0.85);
        h.advanceTo(zero);

        AlertingRuleStatus rule =
                (AlertingRuleStatus) h.manager.groups().get(0).rules().get(0);
        assertThat(rule.alerts())
                .extracting(RuleAlertStatus::labels)
                .containsExactly(
                        Labels.of("alertname", "DiskFull", "device", "sda", "severity", "critical"),
                        Labels.of("alertname", "DiskFull", "device", "sdb", "severity", "warning"));
        RuleAlertStatus sda = rule.alerts().get(0);
        assertThat(sda.annotations())
                .containsEntry("summary", "sda on eu1 is 97% full")
                .containsEntry("total", "1.82")
                .containsEntry("link", "http://vigil.example:9090");
        assertThat(sda.annotations().get("broken")).startsWith("<error expanding template: ");
        assertThat(rule.labels())
                .as("the rule shows its templates unexpanded")
                .isEqualTo(Labels.of("severity", "{{ if gt $value 0.95 }}critical{{ else }}warning{{ end }}"));
        assertThat(h.sent()).hasSize(2);
    }
}
