package dev.vigil.model.textparse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small two-way set-associative cache from UTF-8 bytes to {@link String}, so metric names, label names and
 * short label values that repeat on every scrape are decoded once and shared. A colliding entry
 * replaces the least recently used of its pair: the cache never grows past its capacity and never holds keys
 * longer than {@link #MAX_KEY_BYTES}.
 *
 * <p>Not thread-safe. Give each scrape loop (or each parser) its own; reusing one across scrapes of
 * the same target is what makes it pay off.
 */
public final class SymbolCache {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Longer strings are decoded fresh each time: they rarely repeat and would crowd the cache. */
    public static final int MAX_KEY_BYTES = 64;

    private final byte[][] keys;
    private final String[] values;
    private final int mask;

    /** @param capacity number of slots, rounded up to a power of two (at least 16) */
    public SymbolCache(int capacity) {
        int size = Integer.highestOneBit(Math.max(16, capacity - 1) << 1);
        this.keys = new byte[size][];
        this.values = new String[size];
        this.mask = size - 1;
    }

    public SymbolCache() {
        this(4096);
    }

    /** The string for valid UTF-8 bytes {@code b[off, off+len)}. */
    public String get(byte[] b, int off, int len) {
        if (len > MAX_KEY_BYTES) {
            return decode(b, off, len);
        }
        // Two-way set associative: a hit in the second way moves to the first, a miss evicts the
        // second, so two hot strings that collide do not evict each other on every scrape.
        int first = hash(b, off, len) & mask & ~1;
        int second = first + 1;
        if (matches(keys[first], b, off, len)) {
            return values[first];
        }
        String s;
        byte[] key;
        if (matches(keys[second], b, off, len)) {
            s = values[second];
            key = keys[second];
        } else {
            s = decode(b, off, len);
            key = Arrays.copyOfRange(b, off, off + len);
        }
        keys[second] = keys[first];
        values[second] = values[first];
        keys[first] = key;
        values[first] = s;
        return s;
    }

    private static boolean matches(byte[] key, byte[] b, int off, int len) {
        if (key == null || key.length != len) {
            return false;
        }
        // Keys are short; word compares beat the setup cost of Arrays.equals on ranges.
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(b, off + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (key[i] != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int off, int len) {
        // Eight bytes per step: the hash runs once per name or value a scrape-cache miss asks for.
        long h = len * 0x9E3779B97F4A7C15L;
        int i = off;
        for (int end = off + len - 7; i < end; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
        }
        for (int end = off + len; i < end; i++) {
            h = (h ^ b[i]) * 0x94D049BB133111EBL;
        }
        // Products only carry upward, so fold the high bits down before the low bits pick a set.
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    static String decode(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                return new String(b, off, len, StandardCharsets.UTF_8);
            }
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
