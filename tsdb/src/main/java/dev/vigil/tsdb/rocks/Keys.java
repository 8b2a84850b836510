package dev.vigil.tsdb.rocks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key encodings. Numbers are big-endian, signed ones with the sign bit flipped, so byte order is numeric order. Label
 * names and values in postings keys are UTF-8 with {@code 0x00} and {@code 0x01} escaped ({@code 0x01 0x01} and
 * {@code 0x01 0x02}) and a {@code 0x00} terminator, which keeps code point order and makes every string a clean
 * prefix.
 */
final class Keys {
    /** index CF: {@code S} id → labels. */
    static final byte SERIES = 'S';
    /** index CF: {@code R} id → min time, max time and last value of the persisted chunks. */
    static final byte RANGE = 'R';
    /** index CF: {@code L} labels hash, id → (empty): finds a series by its labels. */
    static final byte LABELS_HASH = 'L';
    /** index CF: {@code P} name, value, id → (empty): the postings. */
    static final byte POSTING = 'P';
    /** index CF: {@code E} block, id → (empty): the block of the series' newest persisted chunk. */
    static final byte LAST_BLOCK = 'E';
    /** index CF: {@code T} id, seq → deleted interval. */
    static final byte TOMBSTONE = 'T';

    private Keys() {}

    static long flip(long signed) {
        return signed ^ Long.MIN_VALUE;
    }

    static byte[] longKey(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    static long readLong(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xFF);
        }
        return v;
    }

    /** chunks CF: block, series id, chunk min time. */
    static byte[] chunk(long block, long seriesId, long minT) {
        return ByteBuffer.allocate(24)
                .putLong(flip(block))
                .putLong(seriesId)
                .putLong(flip(minT))
                .array();
    }

    /** The first chunk key of {@code block}. */
    static byte[] blockStart(long block) {
        return longKey(flip(block));
    }

    static long chunkBlock(byte[] key) {
        return flip(readLong(key, 0));
    }

    static long chunkSeries(byte[] key) {
        return readLong(key, 8);
    }

    static long chunkMinTime(byte[] key) {
        return flip(readLong(key, 16));
    }

    static byte[] prefixed(byte prefix, long a) {
        return ByteBuffer.allocate(9).put(prefix).putLong(a).array();
    }

    static byte[] prefixed(byte prefix, long a, long b) {
        return ByteBuffer.allocate(17).put(prefix).putLong(a).putLong(b).array();
    }

    static byte[] series(long id) {
        return prefixed(SERIES, id);
    }

    static byte[] range(long id) {
        return prefixed(RANGE, id);
    }

    static byte[] labelsHash(long hash, long id) {
        return prefixed(LABELS_HASH, hash, id);
    }

    static byte[] lastBlock(long block, long id) {
        return prefixed(LAST_BLOCK, flip(block), id);
    }

    static byte[] tombstone(long id, long seq) {
        return prefixed(TOMBSTONE, id, seq);
    }

    /** The id after a one-byte prefix. */
    static long idAfterPrefix(byte[] key) {
        return readLong(key, 1);
    }

    /** The second number after a one-byte prefix. */
    static long secondAfterPrefix(byte[] key) {
        return readLong(key, 9);
    }

    /** {@code P} name 0x00: the prefix of every posting of {@code name}. */
    static byte[] postingName(String name) {
        KeyWriter w = new KeyWriter();
        w.put(POSTING);
        w.putEscaped(name);
        return w.toBytes();
    }

    /** {@code P} name 0x00 value 0x00: the prefix of the postings of one pair. */
    static byte[] postingPair(String name, String value) {
        KeyWriter w = new KeyWriter();
        w.put(POSTING);
        w.putEscaped(name);
        w.putEscaped(value);
        return w.toBytes();
    }

    static byte[] posting(String name, String value, long id) {
        KeyWriter w = new KeyWriter();
        w.put(POSTING);
        w.putEscaped(name);
        w.putEscaped(value);
        w.putLong(id);
        return w.toBytes();
    }

    /**
     * The smallest key after every key that starts with {@code prefix}, where {@code prefix} ends in a 0x00
     * terminator: replacing the terminator by 0x01 skips all longer strings as well (they continue with a byte &gt;=
     * 0x01 where the terminator was, and escaped content sorts after it).
     */
    static byte[] afterTerminated(byte[] prefix) {
        byte[] out = Arrays.copyOf(prefix, prefix.length);
        out[out.length - 1] = 0x01;
        return out;
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null when there is none. */
    static byte[] successor(byte[] prefix) {
        byte[] out = Arrays.copyOf(prefix, prefix.length);
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] != (byte) 0xFF) {
                out[i]++;
                return Arrays.copyOf(out, i + 1);
            }
        }
        return null;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Decodes an escaped, terminated string starting at {@code offset[0]}, advancing it past the terminator. */
    static String readEscaped(byte[] key, int[] offset) {
        byte[] out = new byte[key.length];
        int n = 0;
        int i = offset[0];
        while (key[i] != 0) {
            if (key[i] == 1) {
                out[n++] = (byte) (key[i + 1] - 1);
                i += 2;
            } else {
                out[n++] = key[i++];
            }
        }
        offset[0] = i + 1;
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** A small growable byte buffer for building keys. */
    static final class KeyWriter {
        private byte[] buf = new byte[64];
        private int len;

        void put(byte b) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = b;
        }

        void putLong(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((byte) (v >>> shift));
            }
        }

        void putEscaped(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            for (byte b : utf8) {
                if (b == 0 || b == 1) {
                    put((byte) 1);
                    put((byte) (b + 1));
                } else {
                    put(b);
                }
            }
            put((byte) 0);
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, len);
        }
    }
}
