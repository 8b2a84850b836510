package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.MetricRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A day of flapping alerts against a receiver that fails four attempts in ten (server errors, 429 with Retry-After,
 * 400s), on the manual clock: every firing episode and every resolution still reaches the receiver, and no
 * notification repeats what the previous successful one said before {@code repeat_interval} has passed.
 */
class UnreliableReceiverTest {
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    private static final Duration REPEAT = Duration.ofHours(4);

    /** A successful notification: when, and which alerts it reported firing and resolved. */
    private record Delivered(Instant at, String group, Set<String> firing, Set<String> resolved) {}

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final List<Delivered> delivered = new ArrayList<>();

    private final class FlakyReceiver implements Notifier {
        private final Random random = new Random(42);
        boolean healthy;

        @Override
        public String integration() {
            return "webhook";
        }

        @Override
        public boolean sendResolved() {
            return true;
        }

        @Override
        public CompletionStage<NotifyResult> send(NotificationContext context, List<Alert> alerts) {
            double roll = healthy ? 1 : random.nextDouble();
            NotifyResult result;
            if (roll < 0.2) {
                result = new NotifyResult.Retryable("serverError", "500", Optional.empty());
            } else if (roll < 0.3) {
                result = new NotifyResult.Retryable("clientError", "429", Optional.of(Duration.ofSeconds(20)));
            } else if (roll < 0.4) {
                result = new NotifyResult.Failed("clientError", "400");
            } else {
                Set<String> firing = new HashSet<>();
                Set<String> resolved = new HashSet<>();
                for (Alert a : alerts) {
                    (a.isResolvedAt(context.now()) ? resolved : firing)
                            .add(a.labels().get("instance"));
                }
                delivered.add(new Delivered(context.now(), context.groupKey(), firing, resolved));
                result = NotifyResult.SUCCESS;
            }
            return CompletableFuture.completedFuture(result);
        }
    }

    /** One firing episode of one alert, as the rule evaluator sees it. */
    private record Episode(String instance, Instant start, Instant end) {}

    @Test
    void flappingAlertsAreNeitherLostNorRepeatedDespiteFailures() throws Exception {
        FlakyReceiver receiver = new FlakyReceiver();
        StateStore store = new InMemoryStateStore();
        Dispatcher dispatcher = new Dispatcher(
                NotificationsConfigLoader.parse(
                        """
                        route:
                          receiver: team
                          group_by: [alertname]
                          group_wait: 30s
                          group_interval: 5m
                          repeat_interval: 4h
                        receivers:
                          - name: team
                        """,
                        "n.yml"),
                Map.of("team", List.of(new Integration("team", 0, receiver))),
                clock,
                new Silences(store, clock, Duration.ofHours(120)),
                new NotificationLog(store, Duration.ofHours(120)),
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, new Random(7)),
                new NotifyMetrics(new MetricRegistry()),
                "http://vigil:9090");

        // Three instances flap: firing 10..120 minutes, then quiet 5..90 minutes, for 22 hours.
        Random plan = new Random(3);
        List<Episode> episodes = new ArrayList<>();
        for (String instance : List.of("a", "b", "c")) {
            Instant t = T0.plus(Duration.ofMinutes(plan.nextInt(30)));
            while (t.isBefore(T0.plus(Duration.ofHours(22)))) {
                Instant end = t.plus(Duration.ofMinutes(10 + plan.nextInt(111)));
                episodes.add(new Episode(instance, t, end));
                t = end.plus(Duration.ofMinutes(5 + plan.nextInt(86)));
            }
        }

        // Every minute, as Prometheus: firing alerts valid for 4m; resolved ones re-sent for 15m.
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant now = clock.now();
            if (minute == 23 * 60) {
                receiver.healthy = true;
            }
            List<Alert> batch = new ArrayList<>();
            for (Episode e : episodes) {
                Labels labels = Labels.of("alertname", "Flappy", "instance", e.instance());
                if (!now.isBefore(e.start()) && now.isBefore(e.end())) {
                    batch.add(Alert.of(labels, Map.of(), e.start(), Optional.of(now.plus(Duration.ofMinutes(4))), ""));
                } else if (!now.isBefore(e.end()) && now.isBefore(e.end().plus(Duration.ofMinutes(15)))) {
                    batch.add(Alert.of(labels, Map.of(), e.start(), Optional.of(e.end()), ""));
                }
            }
            if (!batch.isEmpty()) {
                dispatcher.put(batch);
            }
            clock.advance(Duration.ofMinutes(1));
        }

        for (Episode e : episodes) {
            assertThat(delivered)
                    .as("episode %s was notified firing while it lasted", e)
                    .anyMatch(d -> d.firing().contains(e.instance())
                            && !d.at().isBefore(e.start())
                            && !d.at().isAfter(e.end().plus(Duration.ofMinutes(5))));
            assertThat(delivered)
                    .as("the end of episode %s was notified", e)
                    .anyMatch(d -> d.resolved().contains(e.instance()) && !d.at().isBefore(e.end()));
        }
        Map<String, Delivered> previous = new HashMap<>();
        for (Delivered d : delivered) {
            Delivered p = previous.put(d.group(), d);
            if (p != null && p.firing().containsAll(d.firing()) && p.resolved().containsAll(d.resolved())) {
                assertThat(Duration.between(p.at(), d.at()))
                        .as("%s repeats %s", d, p)
                        .isGreaterThanOrEqualTo(REPEAT);
            }
        }
        assertThat(delivered.size()).as("the receiver did get through").isGreaterThan(episodes.size());
    }
}
