package dev.vigil.ui.api;

import dev.vigil.model.metrics.Histogram;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.MetricType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates at most {@code --query.max-concurrency} queries at once, as Prometheus's engine does; later ones wait in
 * arrival order. A query still waiting when its deadline passes fails with {@link QueueTimeoutException} at that
 * moment, and one whose future is cancelled (the client left) leaves the queue.
 *
 * <pre>{@code
 * QueryLimiter limiter = new QueryLimiter(20, registry);
 * CompletableFuture<QueryResult> f = limiter.submit(queuedNanos -> engine.instantQuery(q, t), deadlineNanos);
 * }</pre>
 *
 * <p>Metrics: {@code vigil_engine_queries} (running or waiting), {@code vigil_engine_queries_concurrent_max}, and
 * {@code vigil_engine_query_duration_seconds} by {@code slice}: {@code queue_time}, {@code prepare_time} and
 * {@code inner_eval} (see {@link #recordEvaluation}). Thread-safe.
 */
public final class QueryLimiter implements AutoCloseable {
    /** The deadline passed while the query waited for a slot. */
    public static final class QueueTimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueTimeoutException() {
            super("query timed out in query queue", null, false, false);
        }
    }

    /** A query to evaluate once a slot is free. */
    @FunctionalInterface
    public interface Task<T> {
        /** @param queuedNanos how long the query waited for its slot */
        T run(long queuedNanos) throws Exception;
    }

    private final int maxConcurrent;
    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timers;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Histogram.Child queueTime;
    private final Histogram.Child prepareTime;
    private final Histogram.Child innerEval;

    public QueryLimiter(int maxConcurrent, MetricRegistry registry) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("query concurrency must be at least 1, got " + maxConcurrent);
        }
        this.maxConcurrent = maxConcurrent;
        this.executor = new ThreadPoolExecutor(
                maxConcurrent,
                maxConcurrent,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads("vigil-query"));
        this.timers = new ScheduledThreadPoolExecutor(1, daemonThreads("vigil-query-queue-timeout"));
        this.timers.setRemoveOnCancelPolicy(true);
        QueryMetrics metrics = QueryMetrics.register(registry, this);
        this.queueTime = metrics.slice("queue_time");
        this.prepareTime = metrics.slice("prepare_time");
        this.innerEval = metrics.slice("inner_eval");
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Queues {@code task}; the future completes with its result or exception, or with {@link QueueTimeoutException}
     * if no slot freed up before {@code deadlineNanos} ({@link System#nanoTime()} scale).
     */
    public <T> CompletableFuture<T> submit(Task<T> task, long deadlineNanos) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Job<T> job = new Job<>(task, future, System.nanoTime());
        waiting.incrementAndGet();
        long delay = deadlineNanos - job.queuedAt;
        if (delay <= 0) {
            job.abandon(new QueueTimeoutException());
            return future;
        }
        job.timer = timers.schedule(() -> job.abandon(new QueueTimeoutException()), delay, TimeUnit.NANOSECONDS);
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                job.abandon(null);
            }
        });
        executor.execute(job);
        return future;
    }

    /** Records how long a finished query spent loading series and evaluating. */
    public void recordEvaluation(long prepareNanos, long evalNanos) {
        prepareTime.observe(prepareNanos / 1e9);
        innerEval.observe(evalNanos / 1e9);
    }

    /** Queries being evaluated now. */
    public int running() {
        return running.get();
    }

    /** Queries waiting for a slot. */
    public int waiting() {
        return waiting.get();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** Stops the threads; running queries are interrupted, which cancels them. */
    @Override
    public void close() {
        timers.shutdownNow();
        executor.shutdownNow();
    }

    private final class Job<T> implements Runnable {
        private static final int QUEUED = 0;
        private static final int STARTED = 1;
        private static final int ABANDONED = 2;

        private final Task<T> task;
        private final CompletableFuture<T> future;
        private final long queuedAt;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile ScheduledFuture<?> timer;

        Job(Task<T> task, CompletableFuture<T> future, long queuedAt) {
            this.task = task;
            this.future = future;
            this.queuedAt = queuedAt;
        }

        /** Leaves the queue unless already started; fails the future with {@code why} when given. */
        void abandon(RuntimeException why) {
            if (!state.compareAndSet(QUEUED, ABANDONED)) {
                return;
            }
            waiting.decrementAndGet();
            executor.remove(this);
            if (why != null) {
                future.completeExceptionally(why);
            }
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, STARTED)) {
                return;
            }
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            long queued = System.nanoTime() - queuedAt;
            waiting.decrementAndGet();
            running.incrementAndGet();
            queueTime.observe(queued / 1e9);
            T result;
            try {
                result = task.run(queued);
            } catch (Throwable e) {
                running.decrementAndGet();
                future.completeExceptionally(e);
                return;
            }
            // Counted as finished before the caller sees the result, so what it reads next is already up to date.
            running.decrementAndGet();
            future.complete(result);
        }
    }

    /** The engine figures Prometheus exports as {@code prometheus_engine_*}. */
    static final class QueryMetrics {
        private final Histogram duration;

        private QueryMetrics(Histogram duration) {
            this.duration = duration;
        }

        static QueryMetrics register(MetricRegistry registry, QueryLimiter limiter) {
            registry.register(writer -> {
                writer.family(
                        "vigil_engine_queries",
                        "The current number of queries being executed or waiting.",
                        MetricType.GAUGE);
                writer.sample("vigil_engine_queries", limiter.running() + limiter.waiting());
                writer.family(
                        "vigil_engine_queries_concurrent_max",
                        "The max number of concurrent queries.",
                        MetricType.GAUGE);
                writer.sample("vigil_engine_queries_concurrent_max", limiter.maxConcurrent());
            });
            return new QueryMetrics(registry.histogram(
                    "vigil_engine_query_duration_seconds",
                    "Query timings, by slice: queue_time, prepare_time, inner_eval.",
                    Histogram.DEFAULT_BUCKETS,
                    "slice"));
        }

        Histogram.Child slice(String name) {
            return duration.labels(name);
        }
    }
}
