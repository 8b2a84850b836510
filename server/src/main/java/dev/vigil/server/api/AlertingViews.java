package dev.vigil.server.api;

import dev.vigil.alerting.eval.RuleManager;
import dev.vigil.alerting.send.AlertSender;
import dev.vigil.alerting.status.RuleAlertStatus;
import dev.vigil.model.labels.Labels;
import dev.vigil.server.alerting.AlertingService;
import dev.vigil.ui.status.AlertState;
import dev.vigil.ui.status.AlertStatus;
import dev.vigil.ui.status.AlertingRuleStatus;
import dev.vigil.ui.status.AlertmanagersView;
import dev.vigil.ui.status.RecordingRuleStatus;
import dev.vigil.ui.status.RuleGroupStatus;
import dev.vigil.ui.status.RuleHealth;
import dev.vigil.ui.status.RuleStatus;
import dev.vigil.ui.status.RulesView;
import java.util.List;
import java.util.Locale;

/**
 * The API's views of rule evaluation and alert sending, read from the {@link AlertingService} at request time (it
 * starts after the API is mounted; until then the lists are empty). Stateless apart from the service it reads.
 */
final class AlertingViews {
    private AlertingViews() {}

    static RulesView rules(AlertingService alerting) {
        return () -> {
            RuleManager rules = alerting.rules();
            return rules == null
                    ? List.of()
                    : rules.groups().stream().map(AlertingViews::group).toList();
        };
    }

    static AlertmanagersView alertmanagers(AlertingService alerting) {
        return new AlertmanagersView() {
            @Override
            public List<String> activeAlertmanagers() {
                AlertSender sender = alerting.sender();
                return sender == null ? List.of() : sender.status().activeAlertmanagers();
            }

            @Override
            public List<String> droppedAlertmanagers() {
                AlertSender sender = alerting.sender();
                return sender == null ? List.of() : sender.status().droppedAlertmanagers();
            }
        };
    }

    private static RuleGroupStatus group(dev.vigil.alerting.status.RuleGroupStatus g) {
        return new RuleGroupStatus(
                g.name(),
                g.file(),
                g.rules().stream().map(AlertingViews::rule).toList(),
                g.intervalSeconds(),
                (int) Math.min(Integer.MAX_VALUE, g.limit()),
                g.evaluationTimeSeconds(),
                g.lastEvaluation().orElse(null));
    }

    private static RuleStatus rule(dev.vigil.alerting.status.RuleStatus r) {
        if (r instanceof dev.vigil.alerting.status.AlertingRuleStatus a) {
            return new AlertingRuleStatus(
                    state(a.state()),
                    a.name(),
                    a.query(),
                    a.durationSeconds(),
                    a.keepFiringForSeconds(),
                    a.labels(),
                    Labels.fromMap(a.annotations()),
                    a.alerts().stream().map(AlertingViews::alert).toList(),
                    health(a.health()),
                    a.lastError(),
                    a.evaluationTimeSeconds(),
                    a.lastEvaluation().orElse(null));
        }
        var rec = (dev.vigil.alerting.status.RecordingRuleStatus) r;
        return new RecordingRuleStatus(
                rec.name(),
                rec.query(),
                rec.labels(),
                health(rec.health()),
                rec.lastError(),
                rec.evaluationTimeSeconds(),
                rec.lastEvaluation().orElse(null));
    }

    private static AlertStatus alert(RuleAlertStatus a) {
        return new AlertStatus(
                a.labels(),
                Labels.fromMap(a.annotations()),
                state(a.state()),
                a.activeAt(),
                a.keepFiringSince().orElse(null),
                a.value());
    }

    private static AlertState state(String state) {
        return AlertState.valueOf(state.toUpperCase(Locale.ROOT));
    }

    private static RuleHealth health(String health) {
        return RuleHealth.valueOf(health.toUpperCase(Locale.ROOT));
    }
}
