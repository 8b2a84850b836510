package dev.vigil.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process for {@link CrashTest}: scrapes {@link #SERIES} stable series plus a few series of its own run,
 * commits, and reports each commit on stdout after it returned, until it is killed. Checkpoints and chunk flushes run
 * on the maintenance thread meanwhile, with a small WAL threshold so kills land in all of them.
 *
 * <p>Arguments: data directory, first timestamp, run number.
 */
public final class CrashWriter {
    static final int SERIES = 40;
    static final int RUN_SERIES = 5;
    static final long STEP = 15_000;

    private CrashWriter() {}

    static Labels stable(int s) {
        return Labels.of("__name__", "m", "s", Integer.toString(s));
    }

    static Labels ofRun(int run, int s) {
        return Labels.of("__name__", "run", "run", Integer.toString(run), "s", Integer.toString(s));
    }

    static double value(long t, int s) {
        return t / 1000.0 + s;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long t = Long.parseLong(args[1]);
        int run = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Tsdb tsdb = Tsdb.open(
                TsdbOptions.of(dir).withCheckpointWalBytes(8 << 10).withMaintenanceInterval(Duration.ofMillis(30)));
        out.println("open");
        out.flush();
        long[] refs = new long[SERIES + RUN_SERIES];
        while (true) {
            Appender app = tsdb.appender();
            for (int s = 0; s < SERIES + RUN_SERIES; s++) {
                Labels labels = s < SERIES ? stable(s) : ofRun(run, s);
                try {
                    refs[s] = app.append(refs[s], labels, t, value(t, s));
                } catch (AppendException e) {
                    // Committed by the previous run after its last report: already stored.
                }
            }
            app.commit();
            out.println("committed " + t);
            out.flush();
            t += STEP;
        }
    }
}
