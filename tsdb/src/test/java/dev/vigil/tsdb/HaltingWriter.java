package dev.vigil.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process for {@link RecoveryCorruptionTest}: commits one sample of series {@code m} at 1000, 2000, ... for the
 * given number of commits, then halts without closing anything, leaving everything in the WAL.
 *
 * <p>Arguments: data directory, number of commits.
 */
public final class HaltingWriter {
    static final Labels SERIES = Labels.of("__name__", "m");

    private HaltingWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int commits = Integer.parseInt(args[1]);
        Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
        long ref = 0;
        for (int i = 1; i <= commits; i++) {
            Appender app = tsdb.appender();
            ref = app.append(ref, SERIES, i * 1000L, i);
            app.commit();
        }
        System.out.println("committed " + commits);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
