package dev.vigil.alerting.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A notifier that records every attempt and answers with scripted results (success once the script runs out). */
final class RecordingNotifier implements Notifier {
    record Sent(NotificationContext context, List<Alert> alerts) {}

    private final String name;
    private final boolean sendResolved;
    private final List<Sent> attempts = new ArrayList<>();
    private final Deque<NotifyResult> script = new ArrayDeque<>();

    RecordingNotifier(String name, boolean sendResolved) {
        this.name = name;
        this.sendResolved = sendResolved;
    }

    synchronized RecordingNotifier thenAnswer(NotifyResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    synchronized List<Sent> attempts() {
        return List.copyOf(attempts);
    }

    /** Alert names (alertname label) of each attempt, with resolved ones marked. */
    synchronized List<String> summary() {
        List<String> out = new ArrayList<>();
        for (Sent s : attempts) {
            StringBuilder b = new StringBuilder();
            for (Alert a : s.alerts()) {
                if (b.length() > 0) {
                    b.append(',');
                }
                b.append(a.labels().get("alertname"));
                if (a.isResolvedAt(s.context().now())) {
                    b.append("(resolved)");
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    @Override
    public String integration() {
        return name;
    }

    @Override
    public boolean sendResolved() {
        return sendResolved;
    }

    @Override
    public synchronized CompletionStage<NotifyResult> send(NotificationContext context, List<Alert> alerts) {
        attempts.add(new Sent(context, List.copyOf(alerts)));
        NotifyResult result = script.isEmpty() ? NotifyResult.SUCCESS : script.poll();
        return CompletableFuture.completedFuture(result);
    }
}
