package dev.vigil.alerting.notify;

import dev.vigil.model.log.Log;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends one notification through one integration, retrying retryable failures with {@link RetryPolicy} backoff
 * (or the server's {@code Retry-After}) until {@code deadline}. Completes with true on success. Thread-safe.
 */
final class Delivery {
    private static final Log log = Log.get(Delivery.class);

    private final Scheduler scheduler;
    private final RetryPolicy policy;
    private final NotifyMetrics metrics;

    Delivery(Scheduler scheduler, RetryPolicy policy, NotifyMetrics metrics) {
        this.scheduler = scheduler;
        this.policy = policy;
        this.metrics = metrics;
    }

    CompletionStage<Boolean> deliver(
            Integration integration, NotificationContext context, List<Alert> alerts, Instant deadline) {
        String name = integration.notifier().integration();
        metrics.notifications.labels(name).inc();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        long startNanos = System.nanoTime();
        attempt(integration, context, alerts, deadline, 1, done);
        return done.whenComplete(
                (ok, e) -> metrics.latency.labels(name).observe((System.nanoTime() - startNanos) / 1e9));
    }

    private void attempt(
            Integration integration,
            NotificationContext context,
            List<Alert> alerts,
            Instant deadline,
            int attempt,
            CompletableFuture<Boolean> done) {
        String name = integration.notifier().integration();
        metrics.requests.labels(name).inc();
        CompletionStage<NotifyResult> sent;
        try {
            sent = integration.notifier().send(context, alerts);
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(new NotifyResult.Failed("other", e.toString()));
        }
        sent.whenComplete((result, error) -> {
            if (error != null) {
                result = new NotifyResult.Retryable("other", error.toString(), java.util.Optional.empty());
            }
            if (result instanceof NotifyResult.Success) {
                done.complete(true);
                return;
            }
            metrics.requestsFailed.labels(name).inc();
            if (result instanceof NotifyResult.Failed failed) {
                log.error(
                        "Notify failed, not retrying",
                        "integration",
                        integration.key(),
                        "group",
                        context.groupKey(),
                        "reason",
                        failed.reason(),
                        "err",
                        failed.message());
                metrics.notificationsFailed.labels(name, failed.reason()).inc();
                done.complete(false);
                return;
            }
            NotifyResult.Retryable retry = (NotifyResult.Retryable) result;
            Duration wait = retry.retryAfter().orElseGet(() -> policy.backoff(attempt));
            Instant next = scheduler.now().plus(wait);
            if (!next.isBefore(deadline)) {
                log.error(
                        "Notify failed, giving up",
                        "integration",
                        integration.key(),
                        "group",
                        context.groupKey(),
                        "attempts",
                        attempt,
                        "err",
                        retry.message());
                metrics.notificationsFailed.labels(name, retry.reason()).inc();
                done.complete(false);
                return;
            }
            log.warn(
                    "Notify attempt failed, will retry",
                    "integration",
                    integration.key(),
                    "attempt",
                    attempt,
                    "retry_in",
                    wait,
                    "err",
                    retry.message());
            scheduler.schedule(wait, () -> attempt(integration, context, alerts, deadline, attempt + 1, done));
        });
    }
}
