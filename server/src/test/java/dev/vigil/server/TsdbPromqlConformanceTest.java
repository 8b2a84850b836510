package dev.vigil.server;

import dev.vigil.model.storage.Storage;
import dev.vigil.promql.promqltest.PromqlConformanceSuite;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The promqltest conformance suite on the real RocksDB TSDB, so that the engine's results do not depend on which
 * storage answers. It lives in the server module, the one module that may see both promql and tsdb. The databases
 * live in a directory of its own (JUnit's {@code @TempDir} would be removed before the suite closes the last one).
 */
class TsdbPromqlConformanceTest extends PromqlConformanceSuite {
    private final Path dir;
    private int opened;

    TsdbPromqlConformanceTest() throws IOException {
        dir = Files.createTempDirectory("vigil-promqltest-tsdb");
    }

    @Override
    protected Storage newStorage() {
        return Tsdb.open(TsdbOptions.of(dir.resolve("tsdb-" + opened++)));
    }

    @Override
    protected String storageName() {
        return "RocksDB TSDB (" + opened + " databases)";
    }

    @Override
    protected void afterStoragesClosed() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
