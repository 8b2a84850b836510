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

    /** Reads {@code n} bits as a two's complement signed value. */
    long readSigned(int n) {
        return (read(n) << (64 - n)) >> (64 - n);
    }

    boolean readBit() {
        int index = (int) (position >>> 6);
        long bit = (words[index] >>> (63 - (position & 63))) & 1;
        position++;
        return bit != 0;
    }

    /**
     * Reads a unary prefix of up to {@code max} one-bits terminated by a zero (the terminator is not consumed when
     * {@code max} ones were read) and returns the number of ones.
     */
    int readOnes(int max) {
        int index = (int) (position >>> 6);
        int offset = (int) (position & 63);
        long window = words[index] << offset;
        if (offset + max > 64 && index + 1 < words.length) {
            window |= words[index + 1] >>> (64 - offset);
        }
        int ones = Math.min(Long.numberOfLeadingZeros(~window), max);
        position += ones == max ? max : ones + 1;
        return ones;
    }
}
