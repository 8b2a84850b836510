package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.notifications.InhibitRuleConfig;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingAndInhibitionTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void routesToTheDeepestMatchAndStopsUnlessContinue() throws Exception {
        RouteNode root = RouteNode.root(NotificationsConfigLoader.parse(
                        """
                route:
                  receiver: default
                  group_by: [alertname]
                  routes:
                    - matchers: [team="a"]
                      receiver: a
                      routes:
                        - matchers: [severity="page"]
                          receiver: a-pager
                    - matchers: [team="a"]
                      receiver: a-second
                    - matchers: [env="prod"]
                      receiver: prod
                      continue: true
                    - matchers: [env=~"prod|stage"]
                      receiver: non-dev
                receivers: [{name: default}, {name: a}, {name: a-pager}, {name: a-second}, {name: prod}, {name: non-dev}]
                """,
                        "r.yml")
                .route());
        assertThat(receivers(root, "team", "a")).containsExactly("a");
        assertThat(receivers(root, "team", "a", "severity", "page")).containsExactly("a-pager");
        assertThat(receivers(root, "env", "prod")).containsExactly("prod", "non-dev");
        assertThat(receivers(root, "env", "stage")).containsExactly("non-dev");
        assertThat(receivers(root, "env", "dev")).containsExactly("default");
        RouteNode pager = root.match(Labels.of("team", "a", "severity", "page")).get(0);
        assertThat(pager.id).isEqualTo("{}/{team=\"a\"}/0/{severity=\"page\"}/0");
        assertThat(pager.groupLabels(Labels.of("alertname", "X", "team", "a", "severity", "page")))
                .isEqualTo(Labels.of("alertname", "X"));
    }

    private static List<String> receivers(RouteNode root, String... labels) {
        return root.match(Labels.of(labels)).stream()
                .map(n -> n.config.receiver())
                .toList();
    }

    @Test
    void inhibitionNeedsAFiringSourceWithEqualLabelsAndNeverSelf() {
        Inhibitor inhibitor = new Inhibitor(List.of(new InhibitRuleConfig(
                List.of(Matcher.regex("severity", "critical|warning")),
                List.of(Matcher.equal("severity", "warning")),
                List.of("cluster", "zone"))));
        Alert source = alert(T0.plusSeconds(600), "alertname", "Big", "severity", "critical", "cluster", "eu");
        Alert selfMatching = alert(T0.plusSeconds(600), "alertname", "W", "severity", "warning", "cluster", "us");
        inhibitor.observe(source);
        inhibitor.observe(selfMatching);
        Labels target = Labels.of("alertname", "Small", "severity", "warning", "cluster", "eu");
        assertThat(inhibitor.inhibitedBy(target, T0)).containsExactly(source.fingerprint());
        assertThat(inhibitor.inhibitedBy(Labels.of("severity", "warning", "cluster", "eu", "zone", "b"), T0))
                .as("zone differs (absent vs b)")
                .isEmpty();
        assertThat(inhibitor.inhibitedBy(selfMatching.labels(), T0))
                .as("an alert never inhibits itself")
                .isEmpty();
        assertThat(inhibitor.inhibitedBy(target, T0.plusSeconds(600)))
                .as("source resolved")
                .isEmpty();
        inhibitor.forget(source);
        assertThat(inhibitor.inhibitedBy(target, T0)).isEmpty();
    }

    private static Alert alert(Instant endsAt, String... labels) {
        return Alert.of(Labels.of(labels), Map.of(), T0, Optional.of(endsAt), "");
    }

    @Test
    void mergesRepeatedReportsLikeAlertmanager() {
        Labels labels = Labels.of("alertname", "X");
        Alert first = new Alert(labels, Map.of(), T0, Optional.of(T0.plusSeconds(300)), "", T0, false);
        Alert later = new Alert(
                labels,
                Map.of("a", "b"),
                T0.plusSeconds(60),
                Optional.of(T0.plusSeconds(400)),
                "",
                T0.plusSeconds(60),
                false);
        Alert merged = first.mergeWith(later, T0.plusSeconds(60));
        assertThat(merged.startsAt()).as("earliest start").isEqualTo(T0);
        assertThat(merged.endsAt()).contains(T0.plusSeconds(400));
        assertThat(merged.annotations()).containsEntry("a", "b");
        Alert resolvedEarly =
                new Alert(labels, Map.of(), T0, Optional.of(T0.plusSeconds(30)), "", T0.plusSeconds(90), false);
        assertThat(first.mergeWith(resolvedEarly, T0.plusSeconds(90)).endsAt()).contains(T0.plusSeconds(30));
        assertThat(first.fingerprintHex()).hasSize(16).isEqualTo(String.format("%016x", labels.hash()));
    }
}
