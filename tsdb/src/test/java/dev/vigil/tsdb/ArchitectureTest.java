package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** RocksDB stays behind {@code dev.vigil.tsdb.rocks}; the codec and index stay free of it. */
class ArchitectureTest {
    @Test
    void onlyTheRocksPackageImportsRocksDb() throws IOException {
        Path sources = Path.of("src/main/java/dev/vigil/tsdb");
        assertThat(sources).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getParent().endsWith("rocks"))
                    .filter(p -> read(p).contains("import org.rocksdb"))
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
