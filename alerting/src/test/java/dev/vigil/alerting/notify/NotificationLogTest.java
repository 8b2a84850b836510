package dev.vigil.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationLogTest {
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void persistsEntriesAndExpiresThem() {
        InMemoryStateStore store = new InMemoryStateStore();
        NotificationLog log = new NotificationLog(store, Duration.ofHours(1));
        log.log("{}:{a=\"1\"}", "team/webhook/0", Set.of(1L, 2L), Set.of(3L), T0);
        log.log("{}:{a=\"2\"}", "team/webhook/0", Set.of(), Set.of(), T0.plusSeconds(60));

        NotificationLog reloaded = new NotificationLog(store, Duration.ofHours(1));
        NotificationLog.Entry entry =
                reloaded.query("{}:{a=\"1\"}", "team/webhook/0").orElseThrow();
        assertThat(entry.firing()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(entry.resolved()).containsExactly(3L);
        assertThat(entry.timestamp()).isEqualTo(T0);
        assertThat(reloaded.query("{}:{a=\"1\"}", "team/slack/0")).isEmpty();

        assertThat(reloaded.gc(T0.plusSeconds(3630))).isEqualTo(1);
        assertThat(new NotificationLog(store, Duration.ofHours(1)).size()).isEqualTo(1);
    }
}
