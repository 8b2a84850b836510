package dev.vigil.bench.tsdb;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes the data directory {@link ReplayBenchmark} reopens. {@code crash}: {@code scrapes} scrapes of {@code series}
 * series with the normal background maintenance (checkpoints every 64 MiB of WAL), then the process halts as
 * {@code kill -9} would, leaving open-chunk snapshots and a WAL tail to replay. {@code idle}: the same series scraped
 * once, then aged past the head's horizon and closed cleanly, so nothing needs to be in memory.
 *
 * <p>Arguments: directory, series, scrapes, crash|idle.
 */
public final class ReplayFixture {
    private ReplayFixture() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int series = Integer.parseInt(args[1]);
        int scrapes = Integer.parseInt(args[2]);
        boolean crash = args[3].equals("crash");
        ClusterLabels shapes = new ClusterLabels();
        Labels[] labels = new Labels[series];
        for (int i = 0; i < series; i++) {
            labels[i] = shapes.labels(i);
        }
        long[] refs = new long[series];
        Tsdb tsdb =
                Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(crash ? Duration.ofSeconds(5) : Duration.ZERO));
        for (int s = 0; s < scrapes; s++) {
            long t = 1_700_000_000_000L + s * 15_000L;
            for (int from = 0; from < series; from += 50_000) {
                Appender app = tsdb.appender();
                for (int i = from; i < Math.min(series, from + 50_000); i++) {
                    refs[i] = app.append(refs[i], labels[i], t, s * (i % 13));
                }
                app.commit();
            }
        }
        if (crash) {
            System.out.println("written");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        // One more series far later moves the horizon past everything else.
        Appender app = tsdb.appender();
        app.append(0, Labels.of("__name__", "clock"), 1_700_000_000_000L + 5 * 3_600_000L, 1);
        app.commit();
        tsdb.runMaintenance();
        tsdb.close();
        System.out.println("written");
    }
}
