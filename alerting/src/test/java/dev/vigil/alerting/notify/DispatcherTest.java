package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.NotificationsConfigLoader;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final StateStore store = new InMemoryStateStore();
    private final MetricRegistry registry = new MetricRegistry();
    private final NotifyMetrics metrics = new NotifyMetrics(registry);
    private Silences silences;
    private Dispatcher dispatcher;

    private static final String CONFIG =
            """
            route:
              receiver: team
              group_by: [alertname]
              routes:
                - matchers: [severity="page"]
                  receiver: pager
                  continue: true
                - matchers: [team="db"]
                  receiver: db
                  group_by: ['...']
                - matchers: [team="night"]
                  receiver: team
                  mute_time_intervals: [always]
            receivers:
              - name: team
              - name: pager
              - name: db
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: [severity="warning"]
                equal: [cluster]
            time_intervals:
              - name: always
                time_intervals:
                  - years: ['2000:2100']
            """;

    private Dispatcher start(Map<String, List<Notifier>> notifiers) throws Exception {
        NotificationsConfig config = NotificationsConfigLoader.parse(CONFIG, "test.yml");
        silences = new Silences(store, clock, Duration.ofHours(120));
        NotificationLog nflog = new NotificationLog(store, Duration.ofHours(120));
        Map<String, List<Integration>> integrations = new java.util.HashMap<>();
        notifiers.forEach((receiver, list) -> {
            List<Integration> ints = new java.util.ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ints.add(new Integration(receiver, i, list.get(i)));
            }
            integrations.put(receiver, ints);
        });
        dispatcher = new Dispatcher(
                config,
                integrations,
                clock,
                silences,
                nflog,
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 0, new Random(1)),
                metrics,
                "http://vigil:9090");
        return dispatcher;
    }

    private static Alert firing(String name, Instant startsAt, String... labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "alertname";
        all[1] = name;
        System.arraycopy(labels, 0, all, 2, labels.length);
        return Alert.of(
                Labels.of(all),
                Map.of("summary", name + " fires"),
                startsAt,
                Optional.of(startsAt.plus(Duration.ofMinutes(4))),
                "http://gen/" + name);
    }

    private static Alert resolved(Alert a, Instant endsAt) {
        return Alert.of(a.labels(), a.annotations(), a.startsAt(), Optional.of(endsAt), a.generatorURL());
    }

    /** Sends the alert again, as the rule evaluator does on every evaluation, extending its end. */
    private void refresh(Alert a) {
        Instant now = clock.now();
        dispatcher.put(List.of(Alert.of(
                a.labels(),
                a.annotations(),
                a.startsAt(),
                Optional.of(now.plus(Duration.ofMinutes(10))),
                a.generatorURL())));
    }

    private void advance(Duration d) {
        clock.advance(d);
    }

    @Test
    void waitsForGroupWaitThenBatchesNewAlertsUntilTheGroupInterval() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team)));
        Alert a = firing("HighCPU", T0, "instance", "a");
        dispatcher.put(List.of(a));
        advance(Duration.ofSeconds(29));
        assertThat(team.attempts()).as("inside group_wait").isEmpty();
        Alert b = firing("HighCPU", clock.now(), "instance", "b");
        dispatcher.put(List.of(b));
        advance(Duration.ofSeconds(1));
        assertThat(team.summary()).containsExactly("HighCPU,HighCPU");
        assertThat(team.attempts().get(0).context().groupKey()).isEqualTo("{}:{alertname=\"HighCPU\"}");

        // A new alert after the first flush waits for the next group_interval tick (5m after the flush).
        advance(Duration.ofSeconds(10));
        Alert c = firing("HighCPU", clock.now(), "instance", "c");
        dispatcher.put(List.of(c));
        refresh(a);
        refresh(b);
        advance(Duration.ofMinutes(4));
        assertThat(team.attempts()).hasSize(1);
        refresh(a);
        refresh(b);
        refresh(c);
        advance(Duration.ofSeconds(50));
        assertThat(team.attempts()).hasSize(2);
        assertThat(team.attempts().get(1).alerts()).hasSize(3);
        assertThat(team.attempts().get(1).context().now()).isEqualTo(T0.plus(Duration.ofSeconds(330)));
    }

    @Test
    void repeatsOnlyAfterTheRepeatInterval() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team)));
        Alert a = firing("DiskFull", T0);
        dispatcher.put(List.of(a));
        for (int minute = 0; minute < 4 * 60 + 10; minute++) {
            advance(Duration.ofMinutes(1));
            refresh(a);
        }
        // Flushes at 30s then every 5m; the first repeat is due 4h after the first notification.
        assertThat(team.attempts()).hasSize(2);
        assertThat(team.attempts().get(1).context().now())
                .isEqualTo(T0.plusSeconds(30).plus(Duration.ofHours(4)));
    }

    @Test
    void sendsResolvedOnceWhenAskedAndThenForgetsTheGroup() throws Exception {
        RecordingNotifier withResolved = new RecordingNotifier("webhook", true);
        RecordingNotifier withoutResolved = new RecordingNotifier("slack", false);
        start(Map.of("team", List.of(withResolved, withoutResolved)));
        Alert a = firing("Down", T0);
        dispatcher.put(List.of(a));
        advance(Duration.ofSeconds(30));
        assertThat(withResolved.attempts()).hasSize(1);
        assertThat(withoutResolved.attempts()).hasSize(1);

        dispatcher.put(List.of(resolved(a, clock.now())));
        advance(Duration.ofMinutes(5));
        assertThat(withResolved.summary()).containsExactly("Down", "Down(resolved)");
        assertThat(withoutResolved.summary()).as("send_resolved false").containsExactly("Down");
        assertThat(dispatcher.groupCount()).isZero();
        advance(Duration.ofHours(5));
        assertThat(withResolved.attempts()).hasSize(2);
    }

    @Test
    void alertsWithoutEndTimeResolveAfterResolveTimeout() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team)));
        dispatcher.put(List.of(Alert.of(Labels.of("alertname", "Posted"), Map.of(), T0, Optional.empty(), "")));
        advance(Duration.ofSeconds(30));
        assertThat(team.summary()).containsExactly("Posted");
        assertThat(dispatcher.alerts().get(0).alert().endsAt()).contains(T0.plus(Duration.ofMinutes(5)));
        advance(Duration.ofMinutes(5));
        assertThat(team.summary()).containsExactly("Posted", "Posted(resolved)");
    }

    @Test
    void routesWithContinueAndGroupByAll() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        RecordingNotifier pager = new RecordingNotifier("webhook", true);
        RecordingNotifier db = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team), "pager", List.of(pager), "db", List.of(db)));
        dispatcher.put(List.of(
                firing("A", T0, "severity", "page", "team", "db", "instance", "1"),
                firing("A", T0, "team", "db", "instance", "2"),
                firing("B", T0, "team", "web")));
        advance(Duration.ofSeconds(30));
        assertThat(pager.summary()).containsExactly("A");
        assertThat(db.attempts()).as("one group per label set").hasSize(2);
        assertThat(team.summary()).containsExactly("B");
        assertThat(dispatcher.alerts())
                .extracting(AlertStatus::receivers)
                .contains(List.of("pager", "db"), List.of("db"), List.of("team"));
    }

    @Test
    void silencedAlertsAreListedButNotNotified() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team)));
        String id = silences.create(new Silence.Spec(
                List.of(Matcher.equal("instance", "a")), T0, T0.plus(Duration.ofHours(1)), "me", "maintenance"));
        dispatcher.put(List.of(firing("X", T0, "instance", "a"), firing("X", T0, "instance", "b")));
        advance(Duration.ofSeconds(30));
        assertThat(team.attempts()).singleElement().satisfies(s -> assertThat(s.alerts())
                .extracting(a -> a.labels().get("instance"))
                .containsExactly("b"));
        assertThat(dispatcher.alerts())
                .filteredOn(s -> s.alert().labels().get("instance").equals("a"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.state()).isEqualTo("suppressed");
                    assertThat(s.silencedBy()).containsExactly(id);
                });
    }

    @Test
    void firingSourceInhibitsTargetsWithEqualLabels() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team)));
        dispatcher.put(List.of(
                firing("ClusterDown", T0, "severity", "critical", "cluster", "eu"),
                firing("Slow", T0, "severity", "warning", "cluster", "eu"),
                firing("Slow2", T0, "severity", "warning", "cluster", "us")));
        advance(Duration.ofSeconds(30));
        assertThat(team.summary()).containsExactlyInAnyOrder("ClusterDown", "Slow2");
        AlertStatus slow = dispatcher.alerts().stream()
                .filter(s -> s.alert().name().equals("Slow"))
                .findFirst()
                .orElseThrow();
        assertThat(slow.inhibitedBy()).hasSize(1);
    }

    @Test
    void muteTimeIntervalsStopNotifications() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(team)));
        dispatcher.put(List.of(firing("Night", T0, "team", "night")));
        advance(Duration.ofMinutes(30));
        assertThat(team.attempts()).isEmpty();
    }

    @Test
    void retriesRetryableFailuresWithBackoffAndGivesUpAtTheGroupInterval() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true)
                .thenAnswer(
                        new NotifyResult.Retryable("serverError", "500", Optional.empty()),
                        new NotifyResult.Retryable("serverError", "500", Optional.empty()),
                        NotifyResult.SUCCESS);
        start(Map.of("team", List.of(team)));
        Alert a = firing("Flaky", T0);
        dispatcher.put(List.of(a));
        advance(Duration.ofSeconds(30));
        assertThat(team.attempts()).hasSize(1);
        advance(Duration.ofSeconds(1));
        assertThat(team.attempts()).as("first retry after 1s").hasSize(2);
        advance(Duration.ofMillis(1999));
        assertThat(team.attempts()).hasSize(2);
        advance(Duration.ofMillis(1));
        assertThat(team.attempts()).as("second retry 2s later").hasSize(3);
        assertThat(metrics.requestsFailed.labels("webhook").get()).isEqualTo(2);
        assertThat(metrics.notifications.labels("webhook").get()).isEqualTo(1);
        refresh(a);
        advance(Duration.ofMinutes(5));
        assertThat(team.attempts()).as("logged as sent, no repeat").hasSize(3);
    }

    @Test
    void aFailedNotificationIsTriedAgainAtTheNextFlushAndNotLost() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true)
                .thenAnswer(new NotifyResult.Failed("clientError", "400 bad request"));
        start(Map.of("team", List.of(team)));
        Alert a = firing("Bad", T0);
        dispatcher.put(List.of(a));
        advance(Duration.ofSeconds(30));
        assertThat(team.attempts()).as("no retry on 4xx").hasSize(1);
        assertThat(metrics.notificationsFailed.labels("webhook", "clientError").get())
                .isEqualTo(1);
        refresh(a);
        advance(Duration.ofMinutes(5));
        assertThat(team.attempts()).as("next flush sends again").hasSize(2);
    }

    @Test
    void retriesStopAtTheGroupIntervalDeadline() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true);
        for (int i = 0; i < 100; i++) {
            team.thenAnswer(new NotifyResult.Retryable("other", "connection refused", Optional.empty()));
        }
        start(Map.of("team", List.of(team)));
        dispatcher.put(List.of(firing("Unreachable", T0)));
        advance(Duration.ofSeconds(30 + 299));
        // Backoff 1,2,4,...,64(capped 60) s: attempts at 0,1,3,7,15,31,63,123,183,243 s after the flush.
        assertThat(team.attempts()).hasSize(10);
        assertThat(metrics.notificationsFailed.labels("webhook", "other").get()).isEqualTo(1);
    }

    @Test
    void honoursRetryAfter() throws Exception {
        RecordingNotifier team = new RecordingNotifier("webhook", true)
                .thenAnswer(new NotifyResult.Retryable("clientError", "429", Optional.of(Duration.ofSeconds(20))));
        start(Map.of("team", List.of(team)));
        dispatcher.put(List.of(firing("Limited", T0)));
        advance(Duration.ofSeconds(30 + 19));
        assertThat(team.attempts()).hasSize(1);
        advance(Duration.ofSeconds(1));
        assertThat(team.attempts()).hasSize(2);
    }

    @Test
    void restartNeitherDropsDueNotificationsNorRepeatsSentOnes() throws Exception {
        RecordingNotifier before = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(before)));
        Alert sent = firing("Sent", T0);
        dispatcher.put(List.of(sent));
        advance(Duration.ofSeconds(30));
        assertThat(before.summary()).containsExactly("Sent");
        Alert due = firing("Due", clock.now());
        dispatcher.put(List.of(due));
        advance(Duration.ofSeconds(10));
        dispatcher.stop();

        // The evaluator re-sends its active alerts after the restart.
        RecordingNotifier after = new RecordingNotifier("webhook", true);
        start(Map.of("team", List.of(after)));
        refresh(sent);
        refresh(due);
        advance(Duration.ofSeconds(30));
        assertThat(after.summary()).as("Due was never sent; Sent was").containsExactly("Due");
        for (int i = 0; i < 47; i++) {
            advance(Duration.ofMinutes(5));
            refresh(sent);
            refresh(due);
        }
        assertThat(after.summary())
                .as("nothing repeated inside repeat_interval")
                .containsExactly("Due");
        advance(Duration.ofMinutes(5));
        refresh(sent);
        refresh(due);
        advance(Duration.ofMinutes(5));
        assertThat(after.summary()).contains("Sent");
    }

    @Test
    void rejectsInvalidAlertsAndCountsThem() throws Exception {
        start(Map.of());
        List<String> problems = dispatcher.put(List.of(
                Alert.of(Labels.EMPTY, Map.of(), T0, Optional.empty(), ""),
                Alert.of(Labels.of("a", "b"), Map.of(), T0, Optional.of(T0.minusSeconds(1)), ""),
                Alert.of(Labels.of("a", "b"), Map.of("bad-name", "x"), T0, Optional.empty(), ""),
                firing("Ok", T0)));
        assertThat(problems)
                .containsExactly(
                        "at least one label pair required",
                        "start time must be before end time",
                        "invalid annotations: invalid name \"bad-name\"");
        assertThat(metrics.alertsInvalid.get()).isEqualTo(3);
        assertThat(metrics.alertsReceived.labels("firing").get()).isEqualTo(1);
    }

    @Test
    void dedupRules() {
        NotificationLog.Entry entry = new NotificationLog.Entry(
                java.util.Set.of(1L, 2L), java.util.Set.of(3L), T0, T0.plus(Duration.ofDays(5)));
        Duration repeat = Duration.ofHours(4);
        Instant soon = T0.plusSeconds(300);
        assertThat(Dispatcher.needsUpdate(
                        Optional.empty(), java.util.Set.of(), java.util.Set.of(1L), true, repeat, soon))
                .isFalse();
        assertThat(Dispatcher.needsUpdate(
                        Optional.empty(), java.util.Set.of(1L), java.util.Set.of(), true, repeat, soon))
                .isTrue();
        assertThat(Dispatcher.needsUpdate(
                        Optional.of(entry), java.util.Set.of(1L, 2L), java.util.Set.of(3L), true, repeat, soon))
                .isFalse();
        assertThat(Dispatcher.needsUpdate(
                        Optional.of(entry), java.util.Set.of(1L, 4L), java.util.Set.of(), true, repeat, soon))
                .isTrue();
        assertThat(Dispatcher.needsUpdate(
                        Optional.of(entry), java.util.Set.of(1L), java.util.Set.of(2L, 3L), true, repeat, soon))
                .isTrue();
        assertThat(Dispatcher.needsUpdate(
                        Optional.of(entry), java.util.Set.of(1L), java.util.Set.of(2L, 3L), false, repeat, soon))
                .isFalse();
        assertThat(Dispatcher.needsUpdate(
                        Optional.of(entry), java.util.Set.of(), java.util.Set.of(1L, 2L), false, repeat, soon))
                .isTrue();
        assertThat(Dispatcher.needsUpdate(
                        Optional.of(entry), java.util.Set.of(1L), java.util.Set.of(), false, repeat, T0.plus(repeat)))
                .isTrue();
    }
}
