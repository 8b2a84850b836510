package dev.vigil.tsdb.chunk;

import java.util.Arrays;

/**
 * Appends bit fields, most significant bit first, to a growable {@code long[]}. {@link Chunk} extends it so that an
 * open chunk is one object less per series. Not thread-safe.
 */
class BitWriter {
    private long[] words;
    private long bitCount;

    BitWriter(int initialWords) {
        // Always a word past the last bit: readers peek 64-bit windows without a bounds branch.
        words = new long[Math.max(2, initialWords)];
    }

    /** Writes the low {@code n} bits of {@code value}, 1 <= n <= 64. */
    void write(long value, int n) {
        int index = (int) (bitCount >>> 6);
        int free = 64 - (int) (bitCount & 63);
        if (index + 1 >= words.length) {
            grow();
        }
        if (n < 64) {
            value &= (1L << n) - 1;
        }
        if (n <= free) {
            words[index] |= n == free ? value : value << (free - n);
        } else {
            int spill = n - free;
            words[index] |= value >>> spill;
            words[index + 1] |= value << (64 - spill);
        }
        bitCount += n;
    }

    void writeBit(boolean bit) {
        if (bit) {
            write(1, 1);
        } else {
            bitCount++;
            int index = (int) (bitCount >>> 6);
            if (index + 1 >= words.length) {
                grow();
            }
        }
    }

    /** Grows by half: open chunks live long in the head, so slack costs memory per series. */
    private void grow() {
        words = Arrays.copyOf(words, words.length + Math.max(2, words.length >> 1));
    }

    long bitCount() {
        return bitCount;
    }

    /** The word the next bits go to; reading it brings its cache line in before a batch of appends. */
    long currentWord() {
        long[] w = words;
        return w[Math.min((int) (bitCount >>> 6), w.length - 1)];
    }

    /** The backing array; bits past {@link #bitCount()} are zero. Shared, not copied. */
    long[] words() {
        return words;
    }

    void reset() {
        Arrays.fill(words, 0);
        bitCount = 0;
    }
}
