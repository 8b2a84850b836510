package dev.vigil.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import java.nio.file.Path;

/**
 * Child process for {@link TsdbTest}: commits batches, reports each on stdout, then dies without closing anything, as
 * {@code kill -9} would.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int batches = Integer.parseInt(args[1]);
        Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir));
        long[] refs = new long[10];
        for (int b = 0; b < batches; b++) {
            Appender app = tsdb.appender();
            for (int s = 0; s < refs.length; s++) {
                refs[s] = app.append(refs[s], Labels.of("__name__", "m", "s", Integer.toString(s)), b * 15_000L, b + s);
            }
            app.commit();
        }
        // Uncommitted batch: must not appear after recovery.
        Appender pending = tsdb.appender();
        pending.append(0, Labels.of("__name__", "uncommitted"), 1, 1);
        System.out.println("committed " + batches);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
