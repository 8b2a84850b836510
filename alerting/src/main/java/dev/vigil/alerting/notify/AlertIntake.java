package dev.vigil.alerting.notify;

import java.util.List;

/**
 * Where alerts enter the notifier: the rule evaluator calls it after each evaluation and {@code POST /api/v2/alerts}
 * with posted alerts. Implementations are thread-safe.
 */
public interface AlertIntake {
    /**
     * Accepts alerts (new, updated or resolved). Invalid alerts are skipped and counted; the rest are accepted.
     *
     * @return the problems of the skipped alerts, one message each; empty when all were accepted
     */
    List<String> put(List<Alert> alerts);
}
