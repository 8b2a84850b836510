package dev.vigil.scraper.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.FileSdConfig;
import dev.vigil.config.discovery.ServiceDiscoveryConfigs;
import dev.vigil.config.discovery.StaticConfig;
import dev.vigil.model.labels.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryManagerTest {
    private final List<Map<String, List<TargetGroup>>> deliveries = new CopyOnWriteArrayList<>();
    private final List<Long> deliveryNanos = new CopyOnWriteArrayList<>();
    private final List<ControlledDiscoverer> created = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();
    private DiscoveryManager manager;

    /** A discoverer whose updates the test sends; static configs go through the real StaticDiscoverer. */
    private final class ControlledDiscoverer implements Discoverer {
        final Object config;
        volatile Consumer<List<TargetGroup>> listener;

        ControlledDiscoverer(Object config) {
            this.config = config;
        }

        @Override
        public void start(Consumer<List<TargetGroup>> listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private DiscoveryManager manager(Duration delay) {
        manager = new DiscoveryManager(
                config -> {
                    if (config instanceof StaticConfigs s) {
                        return new StaticDiscoverer(s);
                    }
                    ControlledDiscoverer d = new ControlledDiscoverer(config);
                    created.add(d);
                    return d;
                },
                delay,
                map -> {
                    deliveries.add(map);
                    deliveryNanos.add(System.nanoTime());
                });
        return manager;
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private static ServiceDiscoveryConfigs statics(String... targets) {
        return new ServiceDiscoveryConfigs(
                List.of(new StaticConfig(List.of(targets), Map.of("env", "test"))), List.of(), List.of(), List.of());
    }

    private static ServiceDiscoveryConfigs file(String name) {
        return new ServiceDiscoveryConfigs(
                List.of(), List.of(new FileSdConfig(List.of(name), PromDuration.ofMinutes(5))), List.of(), List.of());
    }

    private static TargetGroup group(String source, String address) {
        return TargetGroup.ofAddresses(source, List.of(address), Labels.EMPTY);
    }

    private Map<String, List<TargetGroup>> last() {
        return deliveries.isEmpty() ? null : deliveries.get(deliveries.size() - 1);
    }

    @Test
    void deliversStaticGroupsOfEveryJob() {
        manager(Duration.ofMillis(10))
                .apply(Map.of("a", statics("h1:1", "h2:2"), "empty", ServiceDiscoveryConfigs.NONE));

        Await.until("delivery", () -> last() != null && !last().get("a").isEmpty());
        assertThat(last().get("a"))
                .containsExactly(new TargetGroup(
                        "0",
                        List.of(Labels.of("__address__", "h1:1"), Labels.of("__address__", "h2:2")),
                        Labels.of("env", "test")));
        assertThat(last()).containsEntry("empty", List.of());
    }

    @Test
    void coalescesUpdatesWithinTheDelay() {
        Duration delay = Duration.ofMillis(300);
        manager(delay).apply(Map.of("job", file("x.yml")));
        Await.until("started", () -> !created.isEmpty() && created.get(0).listener != null);
        ControlledDiscoverer d = created.get(0);

        for (int i = 0; i < 50; i++) {
            d.listener.accept(List.of(group("s", "h:" + i)));
        }

        Await.until(
                "last update delivered",
                () -> last() != null && last().get("job").equals(List.of(group("s", "h:49"))));
        assertThat(deliveries.size()).isLessThanOrEqualTo(3);
        for (int i = 1; i < deliveryNanos.size(); i++) {
            assertThat(deliveryNanos.get(i) - deliveryNanos.get(i - 1))
                    .isGreaterThanOrEqualTo(
                            delay.toNanos() - Duration.ofMillis(5).toNanos());
        }
    }

    @Test
    void reconfigureKeepsUnchangedProvidersAndSharesThemBetweenJobs() {
        manager(Duration.ofMillis(1)).apply(Map.of("a", file("one.yml"), "b", file("one.yml")));
        Await.until("started", () -> created.size() == 1 && created.get(0).listener != null);
        created.get(0).listener.accept(List.of(group("one", "h:1")));
        Await.until(
                "both jobs see the groups",
                () -> last() != null
                        && last().get("a").size() == 1
                        && last().get("b").size() == 1);

        manager.apply(Map.of("a", file("one.yml"), "c", file("one.yml"), "d", file("two.yml")));

        Await.until(
                "c sees the running provider's groups",
                () -> last().containsKey("c") && last().get("c").size() == 1);
        assertThat(last()).doesNotContainKey("b");
        assertThat(created).hasSize(2);
        assertThat(closed.get()).isZero();

        manager.apply(Map.of("d", file("two.yml")));

        Await.until("a removed", () -> !last().containsKey("a"));
        assertThat(created).hasSize(2);
        assertThat(closed.get()).isEqualTo(1);
        // The closed provider's later updates are ignored.
        created.get(0).listener.accept(List.of(group("one", "h:2")));
        created.get(1).listener.accept(List.of(group("two", "h:3")));
        Await.until("d updated", () -> last().get("d").size() == 1);
        assertThat(new ArrayList<>(last().keySet())).containsExactly("d");
    }

    @Test
    void closeStopsDiscoverers() {
        manager(Duration.ofMillis(1)).apply(Map.of("a", file("one.yml"), "b", file("two.yml")));
        manager.close();

        assertThat(closed.get()).isEqualTo(2);
    }
}
