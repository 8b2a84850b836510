package dev.vigil.tsdb.chunk;

/** Reads bit fields, most significant bit first, from a {@code long[]}. Reusable via {@link #reset}. */
final class BitReader {
    private long[] words;
    private long position;

    void reset(long[] words) {
        this.words = words;
        this.position = 0;
    }

    /** Reads {@code n} bits, 1 <= n <= 64, as an unsigned value. */
    long read(int n) {
        int index = (int) (position >>> 6);
        int offset = (int) (position & 63);
        position += n;
        long high = words[index] << offset;
        if (offset + n <= 64) {
            return high >>> (64 - n);
        }
        return (high >>> (64 - n)) | (words[index + 1] >>> (128 - offset - n));
    }

    /** The next 64 bits without consuming them; bits past the end of the stream are unspecified. */
    long peek() {
        int index = (int) (position >>> 6);
        int offset = (int) (position & 63);
        long window = words[index] << offset;
        if (offset != 0 && index + 1 < words.length) {
            window |= words[index + 1] >>> (64 - offset);
        }
        return window;
    }

    void skip(int n) {
        position += n;
    }
}
