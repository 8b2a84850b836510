package dev.vigil.tsdb;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Names snapshot directories as Prometheus does: UTC time and 16 random hex digits, {@code 20171210T211224Z-2be6...}. */
final class SnapshotNames {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SnapshotNames() {}

    static String next(Instant now) {
        return TIME.format(now) + "-" + String.format(Locale.ROOT, "%016x", RANDOM.nextLong() & Long.MAX_VALUE);
    }
}
