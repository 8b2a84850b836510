package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.tsdb.chunk.Chunk;
import dev.vigil.tsdb.rocks.RocksStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished blocks hold one chunk per series after maintenance merged them. */
class BlockCompactionTest {
    private static final long HOUR = 3_600_000L;
    private static final Labels UP = Labels.of("__name__", "up");

    @TempDir
    Path dir;

    /** Samples per chunk, block by block, as stored. */
    private List<String> chunkSizes() {
        List<String> out = new ArrayList<>();
        try (RocksStore store = RocksStore.open(dir)) {
            long id = store.findSeries(UP);
            for (long block = 0; block < 4; block++) {
                List<Integer> sizes = new ArrayList<>();
                store.forEachChunk(id, block, block, (min, max, bytes) -> {
                    sizes.add(Chunk.iterator(bytes, null).count());
                    return true;
                });
                out.add(sizes.toString());
            }
        }
        return out;
    }

    private static long count(Tsdb tsdb) {
        try (Querier q = tsdb.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(false);
            long n = 0;
            long expected = 0;
            while (set.next()) {
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    assertThat(it.timestamp()).isEqualTo(expected * 15_000);
                    assertThat(it.value()).isEqualTo(expected);
                    expected++;
                    n++;
                }
            }
            return n;
        }
    }

    @Test
    void finishedBlocksGetOneChunkPerSeries() throws Exception {
        TsdbOptions options = TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO);
        try (Tsdb tsdb = Tsdb.open(options)) {
            Appender app = tsdb.appender();
            for (long i = 0; i < 6 * 240; i++) { // 6 h at 15 s
                app.append(0, UP, i * 15_000, i);
            }
            app.commit();
            tsdb.runMaintenance();
            assertThat(count(tsdb)).isEqualTo(6 * 240);
        }
        // Blocks 0 and 1 ended more than an hour before the newest sample: merged. Block 2 is still recent (and its
        // open chunk lives in the head family).
        assertThat(chunkSizes()).containsExactly("[480]", "[480]", "[120, 120, 120]", "[]");
        try (Tsdb tsdb = Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO))) {
            assertThat(count(tsdb)).isEqualTo(6 * 240);
            // Backfill into a merged block rewrites it in head-sized chunks; the next pass merges it again.
            Appender app = tsdb.backfill().appender();
            app.append(0, UP, 3 * HOUR + 7, 2.5);
            app.commit();
            tsdb.compact();
            try (Querier q = tsdb.querier(3 * HOUR, 3 * HOUR + 15_000)) {
                SeriesSet set = q.select(false);
                assertThat(set.next()).isTrue();
                SeriesIterator it = set.at().iterator();
                assertThat(it.next()).isTrue();
                assertThat(it.timestamp()).isEqualTo(3 * HOUR);
                assertThat(it.next()).isTrue();
                assertThat(it.value()).isEqualTo(2.5);
            }
        }
        assertThat(chunkSizes()).containsExactly("[480]", "[481]", "[120, 120, 120]", "[]");
    }
}
