package dev.vigil.tsdb.chunk;

import dev.vigil.model.storage.SeriesIterator;

/**
 * Decodes a {@link Chunk} sample by sample without allocating. Obtain one from {@link Chunk#iterator(ChunkIterator)}
 * or {@link Chunk#iterator(byte[], ChunkIterator)} and reuse it across chunks. Not thread-safe.
 */
public final class ChunkIterator implements SeriesIterator {
    private final BitReader in = new BitReader();
    private Encoding encoding;
    private int count;
    private int read;
    private long time;
    private long delta;
    private double value;
    // XOR state
    private long valueBits;
    private int leading;
    private int trailing;
    // integer state
    private long integer;
    private long integerDelta;

    /** Word buffer reused when decoding serialized chunks. */
    private long[] scratch = new long[0];

    ChunkIterator() {}

    /** A reusable buffer of at least {@code words} words; its content beyond what the caller writes is stale. */
    long[] scratch(int words) {
        if (scratch.length < words) {
            scratch = new long[Math.max(words, 32)];
        }
        return scratch;
    }

    void reset(long[] words, int count, Encoding encoding) {
        in.reset(words);
        this.encoding = encoding;
        this.count = count;
        this.read = 0;
        this.delta = 0;
        this.integerDelta = 0;
        this.leading = 0;
        this.trailing = 0;
    }

    void resetEmpty() {
        this.count = 0;
        this.read = 0;
    }

    /** Samples in the chunk. */
    public int count() {
        return count;
    }

    @Override
    public boolean next() {
        if (read >= count) {
            read = count + 1;
            return false;
        }
        if (read == 0) {
            time = in.read(64);
            if (encoding == Encoding.XOR) {
                valueBits = in.read(64);
                value = Double.longBitsToDouble(valueBits);
            } else {
                integer = in.read(64);
                value = integer;
            }
        } else {
            delta += Codec.readBucketed(in, Codec.TIME_BITS);
            time += delta;
            if (encoding == Encoding.XOR) {
                readXor();
            } else {
                integerDelta += Codec.readBucketed(in, Codec.INT_BITS);
                integer += integerDelta;
                value = integer;
            }
        }
        read++;
        return true;
    }

    private void readXor() {
        long window = in.peek();
        if (window >= 0) {
            in.skip(1); // '0': same value
            return;
        }
        int header;
        if ((window << 1) < 0) {
            // '11': new window of 6 bits leading zeros and 6 bits (length - 1)
            leading = (int) ((window << 2) >>> 58);
            trailing = 64 - leading - ((int) ((window << 8) >>> 58) + 1);
            header = 14;
        } else {
            header = 2;
        }
        int significant = 64 - leading - trailing;
        long xor;
        if (header + significant <= 64) {
            xor = (window << header) >>> (64 - significant);
            in.skip(header + significant);
        } else {
            in.skip(header);
            xor = in.read(significant);
        }
        valueBits ^= xor << trailing;
        value = Double.longBitsToDouble(valueBits);
    }

    @Override
    public boolean seek(long t) {
        if (read > 0 && read <= count && time >= t) {
            return true;
        }
        while (next()) {
            if (time >= t) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long timestamp() {
        checkPositioned();
        return time;
    }

    @Override
    public double value() {
        checkPositioned();
        return value;
    }

    private void checkPositioned() {
        if (read == 0 || read > count) {
            throw new IllegalStateException("chunk iterator is not positioned on a sample");
        }
    }
}
