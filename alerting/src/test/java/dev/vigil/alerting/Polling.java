package dev.vigil.alerting;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something another thread does: poll with a deadline, never a bare sleep. */
public final class Polling {
    private static final long DEADLINE_SECONDS = 10;

    private Polling() {}

    /** Polls {@code condition} every few milliseconds; fails naming {@code what} after 10 seconds. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
