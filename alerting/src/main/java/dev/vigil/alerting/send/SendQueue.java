package dev.vigil.alerting.send;

import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.NotifyResult;
import dev.vigil.alerting.notify.http.HttpPoster;
import dev.vigil.alerting.notify.json.AlertmanagerJson;
import dev.vigil.model.log.Log;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The alerts waiting for one Alertmanager, sent one batch at a time ({@code POST /api/v2/alerts}). When full, the
 * oldest alerts are dropped: newer reports of the same alerts supersede them. A failed batch is dropped too; the rule
 * evaluator re-sends firing alerts every resend delay, so nothing is retried here (as in Prometheus).
 *
 * <p>Thread-safe. The HTTP call is asynchronous; completions run on a Vert.x event loop and only start the next batch.
 */
final class SendQueue {
    private static final Log log = Log.get(SendQueue.class);

    final String url;
    private final HttpPoster poster;
    private final SenderOptions options;
    private final SenderMetrics metrics;
    private final ArrayDeque<Alert> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean stopped;

    SendQueue(String url, HttpPoster poster, SenderOptions options, SenderMetrics metrics) {
        this.url = url;
        this.poster = poster;
        this.options = options;
        this.metrics = metrics;
        metrics.addAlertmanager(url);
    }

    void add(List<Alert> alerts) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            int dropped = 0;
            List<Alert> incoming = alerts;
            int excess = incoming.size() - options.queueCapacity();
            if (excess > 0) {
                log.warn(
                        "Alert batch larger than queue capacity, dropping alerts",
                        "alertmanager",
                        url,
                        "count",
                        excess);
                incoming = incoming.subList(excess, incoming.size());
                dropped += excess;
            }
            int overflow = queue.size() + incoming.size() - options.queueCapacity();
            if (overflow > 0) {
                log.warn("Alert notification queue full, dropping alerts", "alertmanager", url, "count", overflow);
                for (int i = 0; i < overflow; i++) {
                    queue.poll();
                }
                dropped += overflow;
            }
            queue.addAll(incoming);
            metrics.queueLength.labels(url).set(queue.size());
            if (dropped > 0) {
                metrics.dropped.labels(url).inc(dropped);
            }
        }
        sendNext();
    }

    /** Starts sending the next batch unless one is in flight. */
    private void sendNext() {
        List<Alert> batch;
        synchronized (this) {
            if (sending || queue.isEmpty() || stopped) {
                notifyAll();
                return;
            }
            int n = Math.min(queue.size(), options.maxBatchSize());
            batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                batch.add(queue.poll());
            }
            sending = true;
            metrics.queueLength.labels(url).set(queue.size());
        }
        long start = System.nanoTime();
        CompletionStage<NotifyResult> result;
        try {
            result = poster.post(() -> url, AlertmanagerJson.writePostableAlerts(batch));
        } catch (RuntimeException e) {
            result = java.util.concurrent.CompletableFuture.completedFuture(
                    new NotifyResult.Failed("other", e.toString()));
        }
        result.whenComplete((r, error) -> {
            boolean ok = error == null && r instanceof NotifyResult.Success;
            synchronized (this) {
                sending = false;
                if (stopped) {
                    notifyAll();
                    return;
                }
                if (ok) {
                    metrics.latency.labels(url).observe((System.nanoTime() - start) / 1e9);
                    metrics.sent.labels(url).inc(batch.size());
                } else {
                    metrics.errors.labels(url).inc(batch.size());
                    metrics.dropped.labels(url).inc(batch.size());
                }
            }
            if (!ok) {
                String message = error != null ? error.toString() : describe(r);
                log.error("Error sending alerts", "alertmanager", url, "count", batch.size(), "err", message);
            }
            sendNext();
        });
    }

    private static String describe(NotifyResult r) {
        if (r instanceof NotifyResult.Retryable retry) {
            return retry.message();
        }
        if (r instanceof NotifyResult.Failed failed) {
            return failed.message();
        }
        return String.valueOf(r);
    }

    synchronized int length() {
        return queue.size();
    }

    /**
     * Stops the queue. With {@code drain}, first waits up to {@code timeout} for what is queued to be sent; whatever
     * is left is counted as dropped.
     */
    void stop(boolean drain, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (drain && (sending || !queue.isEmpty()) && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stopped = true;
            if (!queue.isEmpty()) {
                log.warn(
                        "Alert notification queue not drained on shutdown, dropping alerts",
                        "alertmanager",
                        url,
                        "count",
                        queue.size());
                metrics.dropped.labels(url).inc(queue.size());
                queue.clear();
            }
        }
        metrics.removeAlertmanager(url);
    }
}
