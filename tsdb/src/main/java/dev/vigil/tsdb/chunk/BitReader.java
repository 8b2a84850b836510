package dev.vigil.tsdb.chunk;

/**
 * Reads bit fields, most significant bit first, from a {@code long[]}. Reusable via {@link #reset}. The array must
 * have a word after the one holding the last bit (both writers keep one), so a 64-bit window never needs a bounds
 * branch.
 */
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
        // Two shifts, because a Java shift by 64 is a shift by 0: at offset 0 the next word contributes nothing.
        return (words[index] << offset) | ((words[index + 1] >>> 1) >>> (63 - offset));
    }

    void skip(int n) {
        position += n;
    }
}
