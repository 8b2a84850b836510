package dev.vigil.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyValueStoreTest {
    @TempDir
    Path dir;

    private Tsdb open() {
        return Tsdb.open(TsdbOptions.of(dir).withMaintenanceInterval(Duration.ZERO));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> scan(KeyValueStore kv, byte[] prefix) {
        List<String> out = new ArrayList<>();
        kv.scan(
                prefix,
                (k, v) -> out.add(
                        new String(k, StandardCharsets.ISO_8859_1) + "=" + new String(v, StandardCharsets.ISO_8859_1)));
        return out;
    }

    @Test
    void getPutDeleteAndScanInUnsignedKeyOrder() {
        try (Tsdb tsdb = open()) {
            KeyValueStore kv = tsdb.keyValueStore();
            assertThat(kv.get(b("missing"))).isEmpty();
            kv.put(b("sil/b"), b("2"));
            kv.put(b("sil/a"), b("1"));
            kv.put(new byte[] {'s', 'i', 'l', '/', (byte) 0xC3}, b("high"));
            kv.put(b("nflog/x"), b("n"));
            kv.put(b("sil/a"), b("1b"));
            assertThat(kv.get(b("sil/a"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(b("1b")));
            // 0xC3 sorts after ASCII, as unsigned bytes do.
            assertThat(scan(kv, b("sil/"))).containsExactly("sil/a=1b", "sil/b=2", "sil/\u00C3=high");
            assertThat(scan(kv, new byte[0])).hasSize(4);
            kv.delete(b("sil/b"));
            kv.delete(b("never-there"));
            assertThat(scan(kv, b("sil/"))).containsExactly("sil/a=1b", "sil/\u00C3=high");
        }
    }

    @Test
    void batchesApplyInOrderAndSurviveRestart() {
        try (Tsdb tsdb = open()) {
            KeyValueStore kv = tsdb.keyValueStore();
            kv.put(b("k1"), b("old"));
            KeyValueStore.Batch batch = new KeyValueStore.Batch()
                    .put(b("k2"), b("two"))
                    .delete(b("k1"))
                    .put(b("k3"), b("three"))
                    .put(b("k3"), b("three again"));
            assertThat(batch.size()).isEqualTo(4);
            kv.write(batch);
            kv.write(new KeyValueStore.Batch());
        }
        try (Tsdb tsdb = open()) {
            assertThat(scan(tsdb.keyValueStore(), new byte[0])).containsExactly("k2=two", "k3=three again");
        }
    }

    @Test
    void batchCopiesItsArguments() {
        try (Tsdb tsdb = open()) {
            byte[] key = b("k");
            byte[] value = b("v");
            KeyValueStore.Batch batch = new KeyValueStore.Batch().put(key, value);
            key[0] = 'x';
            value[0] = 'y';
            tsdb.keyValueStore().write(batch);
            assertThat(scan(tsdb.keyValueStore(), new byte[0])).containsExactly("k=v");
        }
    }

    @Test
    void closedStoreFailsClearly() {
        Tsdb tsdb = open();
        KeyValueStore kv = tsdb.keyValueStore();
        tsdb.close();
        assertThatThrownBy(() -> kv.get(b("k")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> kv.put(b("k"), b("v"))).isInstanceOf(StorageException.class);
    }
}
