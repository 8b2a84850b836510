package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM with SIGKILL at random points, several times over the same directory, and checks after
 * each kill that every commit the child reported is stored and readable, and nothing else.
 */
class CrashTest {
    private static final int RUNS = 10;

    @TempDir
    Path dir;

    @Test
    void everyReportedCommitSurvivesRepeatedKills() throws Exception {
        Random random = new Random(System.nanoTime());
        long seed = random.nextLong();
        random.setSeed(seed);
        TreeSet<Long> committed = new TreeSet<>();
        Map<Integer, TreeSet<Long>> committedByRun = new HashMap<>();
        long next = 1_700_000_000_000L;
        for (int run = 0; run < RUNS; run++) {
            TreeSet<Long> mine = new TreeSet<>();
            committedByRun.put(run, mine);
            next = killDuringWrites(run, next, random, mine);
            committed.addAll(mine);
            verify(committed, committedByRun, "seed " + seed + ", after run " + run);
        }
        assertThat(committed.size())
                .as("commits reported over all runs (seed %d)", seed)
                .isGreaterThan(RUNS);
    }

    /** Runs one child until a random kill point; returns the timestamp the next run starts at. */
    private long killDuringWrites(int run, long start, Random random, TreeSet<Long> reported) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        dir.toString(),
                        Long.toString(start),
                        Integer.toString(run))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // Some kills land during recovery, the rest after a random number of commits.
            boolean duringOpen = random.nextInt(5) == 0;
            int commitsBeforeKill = 1 + random.nextInt(120);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.equals("open") && duringOpen && !reported.isEmpty()) {
                    break;
                }
                if (line.startsWith("committed ")) {
                    reported.add(Long.parseLong(line.substring("committed ".length())));
                    if (reported.size() >= commitsBeforeKill) {
                        break;
                    }
                }
            }
            // SIGKILL through the handle: Process.destroyForcibly() would also close the pipe we still read.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Reports written before the kill but not read yet are commits too.
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    reported.add(Long.parseLong(line.substring("committed ".length())));
                }
            }
        }
        return reported.isEmpty() ? start : reported.last() + CrashWriter.STEP;
    }

    private void verify(TreeSet<Long> committed, Map<Integer, TreeSet<Long>> byRun, String context) {
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
                Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(tsdb.recoveryReport().problems())
                    .as("only a torn last write may be dropped (%s)", context)
                    .allMatch(p -> p.contains("never acknowledged"));
            SeriesSet set = q.select(true, Matcher.equal("__name__", "m"));
            int series = 0;
            while (set.next()) {
                int s = Integer.parseInt(set.at().labels().get("s"));
                List<Long> times = samples(set.at().iterator(), s, context);
                assertThat(times).as("series %d (%s)", s, context).containsAll(committed);
                series++;
            }
            assertThat(series).as(context).isEqualTo(committed.isEmpty() ? 0 : CrashWriter.SERIES);
            for (Map.Entry<Integer, TreeSet<Long>> run : byRun.entrySet()) {
                SeriesSet runSet = q.select(true, Matcher.equal("run", Integer.toString(run.getKey())));
                while (runSet.next()) {
                    int s = Integer.parseInt(runSet.at().labels().get("s"));
                    assertThat(samples(runSet.at().iterator(), s, context))
                            .as("series %d of run %d (%s)", s, run.getKey(), context)
                            .containsAll(run.getValue());
                }
            }
        }
    }

    /** Timestamps of a series, checking every value and that time ascends. */
    private static List<Long> samples(SeriesIterator it, int s, String context) {
        List<Long> times = new ArrayList<>();
        long last = Long.MIN_VALUE;
        while (it.next()) {
            assertThat(it.timestamp()).as(context).isGreaterThan(last);
            assertThat(it.value()).as(context).isEqualTo(CrashWriter.value(it.timestamp(), s));
            last = it.timestamp();
            times.add(last);
        }
        return times;
    }
}
