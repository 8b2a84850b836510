package dev.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The notifications section's own text, for /api/v2/status. */
class NotificationsSourceTest {
    @Test
    void extractsTheSectionDedentedUpToTheNextTopLevelKey() {
        String yaml =
                """
                global:
                  scrape_interval: 15s
                notifications:
                  # who gets paged
                  route:
                    receiver: team

                  receivers:
                    - name: team
                rule_files: []
                """;
        assertThat(NotificationsSource.section(yaml, "notifications"))
                .isEqualTo("# who gets paged\nroute:\n  receiver: team\n\nreceivers:\n  - name: team\n");
    }

    @Test
    void flowStyleSectionsAreTakenAsWritten() {
        assertThat(NotificationsSource.section(
                        "notifications: {route: {receiver: a}, receivers: [{name: a}]}\n", "notifications"))
                .isEqualTo("{route: {receiver: a}, receivers: [{name: a}]}\n");
    }
}
