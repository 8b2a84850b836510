package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolCacheTest {

    @Test
    void alwaysReturnsTheDecodedStringEvenUnderChurn() {
        SymbolCache cache = new SymbolCache(16);
        Random random = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            String s = "k" + random.nextInt(200) + (i % 7 == 0 ? "ü" : "");
            byte[] padded = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
            int len = s.getBytes(StandardCharsets.UTF_8).length;
            assertThat(cache.get(padded, 2, len)).isEqualTo(s);
        }
    }

    @Test
    void keysDifferingInAnyByteAreDistinct() {
        SymbolCache cache = new SymbolCache(16);
        String base = "abcdefghijklmnopq";
        for (int round = 0; round < 3; round++) {
            for (int at = 0; at < base.length(); at++) {
                String variant = base.substring(0, at) + 'Z' + base.substring(at + 1);
                byte[] b = variant.getBytes(StandardCharsets.US_ASCII);
                assertThat(cache.get(b, 0, b.length)).isEqualTo(variant);
                byte[] original = base.getBytes(StandardCharsets.US_ASCII);
                assertThat(cache.get(original, 0, original.length)).isEqualTo(base);
            }
        }
    }

    @Test
    void aHotKeyStaysCachedAndLongKeysAreNotCached() {
        SymbolCache cache = new SymbolCache(4096);
        byte[] key = "node_cpu_seconds_total".getBytes(StandardCharsets.US_ASCII);
        String first = cache.get(key, 0, key.length);
        assertThat(cache.get(key.clone(), 0, key.length)).isSameAs(first);
        byte[] longKey = "x".repeat(SymbolCache.MAX_KEY_BYTES + 1).getBytes(StandardCharsets.US_ASCII);
        assertThat(cache.get(longKey, 0, longKey.length)).isNotSameAs(cache.get(longKey, 0, longKey.length));
    }
}
