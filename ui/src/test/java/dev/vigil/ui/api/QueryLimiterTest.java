package dev.vigil.ui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryLimiterTest {
    private static final long FAR = TimeUnit.MINUTES.toNanos(5);
    private final MetricRegistry registry = new MetricRegistry();
    private final QueryLimiter limiter = new QueryLimiter(1, registry);

    @AfterEach
    void close() {
        limiter.close();
    }

    @Test
    void queriesBeyondTheLimitWaitInArrivalOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<String> first = limiter.submit(
                queued -> {
                    order.add("first started");
                    release.await();
                    order.add("first done");
                    return "first";
                },
                System.nanoTime() + FAR);
        awaitTrue(() -> limiter.running() == 1);
        CompletableFuture<String> second = limiter.submit(
                queued -> {
                    order.add("second started");
                    return "second waited " + (queued > 0);
                },
                System.nanoTime() + FAR);
        CompletableFuture<String> third = limiter.submit(queued -> "third", System.nanoTime() + FAR);

        assertThat(limiter.waiting()).isEqualTo(2);
        assertThat(second).isNotDone();
        assertThat(TextExposition.write(registry))
                .contains("vigil_engine_queries 3")
                .contains("vigil_engine_queries_concurrent_max 1");

        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("second waited true");
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(first.get()).isEqualTo("first");
        assertThat(order).containsExactly("first started", "first done", "second started");
        assertThat(limiter.waiting()).isZero();
        assertThat(limiter.running()).isZero();
    }

    @Test
    void aQueryWaitingPastItsDeadlineTimesOutInTheQueue() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> blocker = limiter.submit(
                queued -> {
                    release.await();
                    return "done";
                },
                System.nanoTime() + FAR);
        awaitTrue(() -> limiter.running() == 1);
        CompletableFuture<String> late = limiter.submit(
                queued -> "never", System.nanoTime() + Duration.ofMillis(50).toNanos());

        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(QueryLimiter.QueueTimeoutException.class)
                .hasMessage("query timed out in query queue");
        assertThat(limiter.waiting()).isZero();
        assertThat(blocker).isNotDone();
        release.countDown();
        assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void aCancelledQueryLeavesTheQueueWithoutRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> blocker = limiter.submit(
                queued -> {
                    release.await();
                    return "done";
                },
                System.nanoTime() + FAR);
        awaitTrue(() -> limiter.running() == 1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<String> cancelled = limiter.submit(
                queued -> {
                    ran.add("cancelled one ran");
                    return "x";
                },
                System.nanoTime() + FAR);
        cancelled.cancel(true);
        assertThat(limiter.waiting()).isZero();
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        CompletableFuture<String> next = limiter.submit(queued -> "next", System.nanoTime() + FAR);
        assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(ran).isEmpty();
    }

    @Test
    void anExpiredDeadlineFailsAtOnceAndFailuresPropagate() {
        CompletableFuture<String> expired = limiter.submit(queued -> "x", System.nanoTime() - 1);
        assertThat(expired).isCompletedExceptionally();
        CompletableFuture<String> failing = limiter.submit(
                queued -> {
                    throw new IllegalStateException("boom");
                },
                System.nanoTime() + FAR);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        assertThatThrownBy(() -> new QueryLimiter(0, new MetricRegistry())).hasMessageContaining("at least 1");
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10s");
            }
            Thread.sleep(5);
        }
    }
}
