package dev.vigil.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A scheduler whose time only moves when {@link #advance} is called; due tasks then run on the caller's thread in
 * time order, each seeing {@link #now()} at its due time. For tests and simulations: grouping waits, repeat
 * intervals and retry backoff become deterministic. Thread-safe.
 */
public final class ManualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    private static final class Task implements Comparable<Task> {
        final Instant due;
        final long order;
        final Runnable runnable;
        volatile boolean cancelled;

        Task(Instant due, long order, Runnable runnable) {
            this.due = due;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Instant due = delay.isNegative() ? now : now.plus(delay);
        Task t = new Task(due, sequence++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves time forward by {@code duration}, running every task that falls due, including ones they schedule. */
    public void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            if (!next.cancelled) {
                next.runnable.run();
            }
        }
    }

    /** Runs tasks that are due now without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** The number of tasks waiting (cancelled ones included until their time comes). */
    public synchronized int pending() {
        return queue.size();
    }
}
