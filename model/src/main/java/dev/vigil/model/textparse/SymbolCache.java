package dev.vigil.model.textparse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from UTF-8 bytes to {@link String}, so metric names, label names and
 * short label values that repeat on every scrape are decoded once and shared. A colliding entry
 * simply replaces the old one: the cache never grows past its capacity and never holds keys
 * longer than {@link #MAX_KEY_BYTES}.
 *
 * <p>Not thread-safe. Give each scrape loop (or each parser) its own; reusing one across scrapes of
 * the same target is what makes it pay off.
 */
public final class SymbolCache {
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
        int slot = hash(b, off, len) & mask;
        byte[] key = keys[slot];
        if (key != null && key.length == len && Arrays.equals(key, 0, len, b, off, off + len)) {
            return values[slot];
        }
        String s = decode(b, off, len);
        keys[slot] = Arrays.copyOfRange(b, off, off + len);
        values[slot] = s;
        return s;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = len;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
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
