package dev.vigil.scraper.loop;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler that remembers the delay of the last task it was given and never runs anything. */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    private volatile long lastDelayMs = -1;

    RecordingScheduler() {
        super(1);
    }

    long lastDelayMs() {
        return lastDelayMs;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        lastDelayMs = unit.toMillis(delay);
        return super.schedule(() -> {}, 1, TimeUnit.DAYS);
    }
}
