package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.rocks.RocksStore;
import dev.vigil.tsdb.rocks.StoreBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A torn or corrupted tail of the recovery data is detected and reported with what was dropped, and everything before
 * it recovers. The data is left by a child process that halts without closing; the test then damages bytes.
 */
class RecoveryCorruptionTest {
    @TempDir
    Path dir;

    private void writeAndHalt(int commits) throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HaltingWriter.class.getName(),
                        dir.toString(),
                        Integer.toString(commits))
                .redirectErrorStream(true)
                .start();
        String output;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            output = String.join("\n", out.lines().toList());
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("committed " + commits);
    }

    /** The newest RocksDB log file. */
    private Path newestLog() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+\\.log"))
                    .max(Path::compareTo)
                    .orElseThrow();
        }
    }

    /** Offset just past the last non-zero byte (logs are preallocated with zeros). */
    private static long dataEnd(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return end;
    }

    /** Timestamps of the written series, checking each value against its timestamp. */
    private static List<Long> times(Tsdb tsdb) {
        List<Long> times = Samples.times(tsdb);
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false);
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    assertThat(it.value()).isEqualTo(it.timestamp() / 1000.0);
                }
            }
        }
        return times;
    }

    private Tsdb open() {
        return Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
    }

    @Test
    void tornLastWriteIsReportedAndTheRestRecovers() throws Exception {
        writeAndHalt(20);
        Path log = newestLog();
        long end = dataEnd(log);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(end - 5); // the last write batch loses its tail, as in a crash mid-write
        }
        try (Tsdb tsdb = open()) {
            assertThat(tsdb.recoveryReport().problems())
                    .singleElement()
                    .asString()
                    .contains(log.getFileName().toString())
                    .contains("truncated")
                    .contains("never acknowledged");
            List<Long> times = times(tsdb);
            assertThat(times).hasSize(19);
            assertThat(times.get(18)).isEqualTo(19_000L);
        }
        try (Tsdb tsdb = open()) {
            assertThat(tsdb.recoveryReport().problems())
                    .as("recovery wrote a clean state")
                    .isEmpty();
            assertThat(times(tsdb)).hasSize(19);
        }
    }

    @Test
    void corruptRecordInTheLogIsReportedWithTheWritesItDrops() throws Exception {
        writeAndHalt(20);
        Path log = newestLog();
        long end = dataEnd(log);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            long at = end * 3 / 4; // inside a write batch some commits before the end
            file.seek(at);
            int b = file.read();
            file.seek(at);
            file.write(b ^ 0x40);
        }
        try (Tsdb tsdb = open()) {
            List<String> problems = tsdb.recoveryReport().problems();
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .contains("corrupt record (checksum mismatch)")
                    .contains("acknowledged and are lost");
            List<Long> times = times(tsdb);
            assertThat(times).isNotEmpty().hasSizeLessThan(20);
            for (int i = 0; i < times.size(); i++) {
                assertThat(times.get(i)).isEqualTo((i + 1) * 1000L);
            }
        }
    }

    @Test
    void corruptWalRecordIsDroppedAndLaterOnesReplay() throws Exception {
        writeAndHalt(5);
        // Damage the third commit's record in the WAL column family itself.
        try (RocksStore store = RocksStore.open(dir)) {
            List<long[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            store.forEachWal((seq, record) -> {
                keys.add(new long[] {seq});
                values.add(record);
            });
            assertThat(keys).hasSize(5);
            byte[] damaged = values.get(2).clone();
            damaged[damaged.length - 1] ^= 0x01;
            try (StoreBatch batch = store.batch()) {
                batch.putWal(keys.get(2)[0], damaged);
                batch.write(true);
            }
        }
        try (Tsdb tsdb = open()) {
            assertThat(tsdb.recoveryReport().problems())
                    .singleElement()
                    .asString()
                    .contains("failed its checksum and was dropped");
            assertThat(tsdb.recoveryReport().walRecords()).isEqualTo(4);
            assertThat(times(tsdb)).containsExactly(1000L, 2000L, 4000L, 5000L);
        }
    }
}
