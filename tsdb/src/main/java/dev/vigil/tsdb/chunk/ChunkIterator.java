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
    private long timeDelta;
    private double value;
    private long firstTime;
    // XOR state
    private long valueBits;
    private long firstBits;
    private int leading;
    private int trailing;
    // integer state
    private long integer;
    private long firstInt;
    private long intDelta;
    private long riceSum;
    private int decimals;
    private int shift;

    /** Word buffer reused when decoding serialized chunks. */
    private long[] scratch = new long[0];

    ChunkIterator() {}

    private long[] scratch(int words) {
        if (scratch.length < words) {
            scratch = new long[Math.max(words, 32)];
        }
        return scratch;
    }

    void resetXor(long[] words, int count, long firstTime, long firstBits) {
        start(words, count, Encoding.XOR, firstTime);
        this.firstBits = firstBits;
    }

    void resetInteger(
            long[] words, int count, Encoding encoding, long firstTime, long firstInt, int decimals, int shift) {
        start(words, count, encoding, firstTime);
        this.firstInt = firstInt;
        this.decimals = decimals;
        this.shift = shift;
    }

    private void start(long[] words, int count, Encoding encoding, long firstTime) {
        in.reset(words);
        this.encoding = encoding;
        this.count = count;
        this.firstTime = firstTime;
        this.read = 0;
        this.timeDelta = 0;
        this.intDelta = 0;
        this.riceSum = 0;
        this.leading = 0;
        this.trailing = 0;
    }

    void resetEmpty() {
        this.count = 0;
        this.read = 0;
    }

    void resetSerialized(byte[] chunk) {
        if (chunk.length < 3) {
            throw new IllegalArgumentException("chunk of " + chunk.length + " bytes is shorter than its header");
        }
        Encoding e = Encoding.fromHeader(chunk[0]);
        int[] pos = {1};
        int n = (int) Codec.getVarint(chunk, pos);
        long t0 = Codec.unzigzag(Codec.getVarint(chunk, pos));
        long first;
        int dec = 0;
        int sh = 0;
        if (e.isInteger()) {
            dec = chunk[pos[0]++];
            sh = chunk[pos[0]++];
            if (dec < 0 || dec > Scale.MAX_DECIMALS || sh < 0 || sh > 62) {
                throw new IllegalArgumentException("chunk header has decimals " + dec + " and shift " + sh);
            }
            first = Codec.unzigzag(Codec.getVarint(chunk, pos));
        } else {
            first = 0;
            for (int i = 0; i < 8; i++) {
                first = (first << 8) | (chunk[pos[0]++] & 0xFF);
            }
        }
        int offset = pos[0];
        int streamBytes = chunk.length - offset;
        long[] words = scratch((streamBytes >>> 3) + 2);
        int fullWords = streamBytes >>> 3;
        for (int w = 0; w < fullWords; w++) {
            int b = offset + (w << 3);
            words[w] = ((long) chunk[b] << 56)
                    | ((chunk[b + 1] & 0xFFL) << 48)
                    | ((chunk[b + 2] & 0xFFL) << 40)
                    | ((chunk[b + 3] & 0xFFL) << 32)
                    | ((chunk[b + 4] & 0xFFL) << 24)
                    | ((chunk[b + 5] & 0xFFL) << 16)
                    | ((chunk[b + 6] & 0xFFL) << 8)
                    | (chunk[b + 7] & 0xFFL);
        }
        long tail = 0;
        for (int i = fullWords << 3; i < streamBytes; i++) {
            tail |= (chunk[offset + i] & 0xFFL) << (56 - 8 * (i & 7));
        }
        words[fullWords] = tail;
        words[fullWords + 1] = 0;
        if (e.isInteger()) {
            resetInteger(words, n, e, t0, first, dec, sh);
        } else {
            resetXor(words, n, t0, first);
        }
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
            time = firstTime;
            if (encoding == Encoding.XOR) {
                valueBits = firstBits;
                value = Double.longBitsToDouble(valueBits);
            } else {
                integer = firstInt;
                value = Scale.value(integer, decimals, shift);
            }
        } else {
            // Most samples come on schedule: a one-bit '0' timestamp code, and the value's code sits in the same
            // window.
            long window = in.peek();
            int valid;
            if (window >= 0) {
                in.skip(1);
                window <<= 1;
                valid = 63;
            } else {
                timeDelta += Codec.readBucketed(in, Codec.TIME_BITS);
                window = in.peek();
                valid = 64;
            }
            time += timeDelta;
            if (encoding == Encoding.XOR) {
                readXor(window, valid);
            } else {
                readInteger(window, valid);
            }
        }
        read++;
        return true;
    }

    /** Decodes the next integer; {@code window} holds the next {@code valid} bits of the stream. */
    private void readInteger(long window, int valid) {
        if (read == 1) {
            intDelta = Codec.readBucketed(in, Codec.INT_BITS);
        } else {
            long z = Codec.readRice(in, window, valid, Codec.riceParameter(riceSum));
            riceSum = Codec.riceUpdate(riceSum, z);
            long residual = Codec.unzigzag(z);
            intDelta = encoding == Encoding.INTEGER_DOD ? intDelta + residual : residual;
        }
        integer += intDelta;
        value = decimals == 0 ? (double) (integer << shift) : Scale.value(integer, decimals, 0);
    }

    /** Decodes the next XOR value; {@code window} holds the next {@code valid} (63 or 64) bits of the stream. */
    private void readXor(long window, int valid) {
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
        if (header + significant <= valid) {
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
