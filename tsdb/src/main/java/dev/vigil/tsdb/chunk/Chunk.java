package dev.vigil.tsdb.chunk;

import java.nio.ByteBuffer;

/**
 * An appendable compressed chunk of samples of one series.
 *
 * <p>Timestamps are delta-of-delta coded. Values start in {@link Encoding#INTEGER_DOD} while every value is an exact
 * integer (counters, buckets). The chunk is re-encoded once as {@link Encoding#XOR}, where it stays, on the first other
 * value (a fraction, NaN, the stale marker, -0.0, |v| >= 2^53), or when a check after 8, 40, 72, ... samples finds that
 * XOR would have taken fewer bits for the values so far (tracked alongside at little cost: e.g. integer gauges that jump
 * around). {@link #xorOnly()} skips the integer encoding.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Chunk c = Chunk.create();
 * c.append(t, v);                                   // t strictly increasing: the caller checks order
 * ChunkIterator it = c.iterator(null);              // sees samples appended so far
 * byte[] stored = c.toBytes();                      // Chunk.iterator(stored, reuse) decodes it
 * }</pre>
 *
 * <p>Appending allocates nothing except when the bit buffer grows or the encoding switches. Not thread-safe: the
 * owner (the head series) appends under its lock and readers iterate a {@link #toBytes()} copy or a snapshot taken
 * under the same lock.
 */
public final class Chunk {
    /** Bytes before the bit stream in {@link #toBytes()}: encoding (1) and sample count (4). */
    public static final int HEADER_BYTES = 5;

    private final boolean adaptive;
    private BitWriter bits = new BitWriter(4);
    private Encoding encoding;
    private int count;
    private long firstTime;
    private long lastTime;
    private long lastDelta;
    // XOR state
    private long lastValueBits;
    private int leading = -1;
    private int trailing;
    // integer state
    private long lastInteger;
    private long lastIntegerDelta;
    private boolean switchedToXor;
    // While integer-coded, the bits the values take, and would take under XOR, decide whether to switch.
    private long integerValueBits;
    private long shadowXorValueBits;
    private long shadowXorLastBits;
    private int shadowLeading = -1;
    private int shadowTrailing;

    private Chunk(boolean adaptive) {
        this.adaptive = adaptive;
    }

    /** A chunk choosing the integer encoding while it can. */
    public static Chunk create() {
        return new Chunk(true);
    }

    /** A chunk that always uses the XOR encoding. */
    public static Chunk xorOnly() {
        return new Chunk(false);
    }

    /**
     * Appends a sample. The caller guarantees {@code t} is greater than {@link #maxTime()} when the chunk is not empty.
     */
    public void append(long t, double v) {
        if (count == 0) {
            encoding = adaptive && !switchedToXor && Codec.isExactInteger(v) ? Encoding.INTEGER_DOD : Encoding.XOR;
            firstTime = t;
            bits.write(t, 64);
            if (encoding == Encoding.XOR) {
                lastValueBits = Double.doubleToRawLongBits(v);
                bits.write(lastValueBits, 64);
            } else {
                lastInteger = (long) v;
                bits.write(lastInteger, 64);
                integerValueBits = 0;
                shadowXorValueBits = 0;
                shadowXorLastBits = Double.doubleToRawLongBits(v);
                shadowLeading = -1;
            }
            lastTime = t;
            count = 1;
            return;
        }
        if (encoding == Encoding.INTEGER_DOD && !Codec.isExactInteger(v)) {
            reencodeAsXor();
        }
        long delta = t - lastTime;
        Codec.writeBucketed(bits, delta - lastDelta, Codec.TIME_BITS);
        lastDelta = delta;
        lastTime = t;
        if (encoding == Encoding.XOR) {
            appendXor(Double.doubleToRawLongBits(v));
        } else {
            long value = (long) v;
            long valueDelta = value - lastInteger;
            integerValueBits += Codec.writeBucketed(bits, valueDelta - lastIntegerDelta, Codec.INT_BITS);
            lastIntegerDelta = valueDelta;
            lastInteger = value;
            shadowXorValueBits += shadowXorCost(Double.doubleToRawLongBits(v));
        }
        count++;
        if (encoding == Encoding.INTEGER_DOD && (count & 31) == 8 && integerValueBits > shadowXorValueBits) {
            reencodeAsXor();
        }
    }

    /** The bits {@link #appendXor} would write for this value, tracked without writing them. */
    private int shadowXorCost(long valueBits) {
        long xor = valueBits ^ shadowXorLastBits;
        shadowXorLastBits = valueBits;
        if (xor == 0) {
            return 1;
        }
        int lead = Long.numberOfLeadingZeros(xor);
        int trail = Long.numberOfTrailingZeros(xor);
        if (shadowLeading >= 0 && lead >= shadowLeading && trail >= shadowTrailing) {
            return 2 + 64 - shadowLeading - shadowTrailing;
        }
        shadowLeading = lead;
        shadowTrailing = trail;
        return 14 + 64 - lead - trail;
    }

    private void appendXor(long valueBits) {
        long xor = valueBits ^ lastValueBits;
        lastValueBits = valueBits;
        if (xor == 0) {
            bits.writeBit(false);
            return;
        }
        int lead = Long.numberOfLeadingZeros(xor);
        int trail = Long.numberOfTrailingZeros(xor);
        if (leading >= 0 && lead >= leading && trail >= trailing) {
            bits.write(0b10, 2);
            bits.write(xor >>> trailing, 64 - leading - trailing);
            return;
        }
        int significant = 64 - lead - trail;
        bits.write(0b11, 2);
        bits.write(lead, 6);
        bits.write(significant - 1, 6);
        bits.write(xor >>> trail, significant);
        leading = lead;
        trailing = trail;
    }

    private void reencodeAsXor() {
        int n = count;
        long[] times = new long[n];
        double[] values = new double[n];
        ChunkIterator it = iterator(null);
        for (int i = 0; it.next(); i++) {
            times[i] = it.timestamp();
            values[i] = it.value();
        }
        bits = new BitWriter(bits.words().length);
        count = 0;
        lastDelta = 0;
        leading = -1;
        trailing = 0;
        switchedToXor = true;
        for (int i = 0; i < n; i++) {
            append(times[i], values[i]);
        }
    }

    public int count() {
        return count;
    }

    public Encoding encoding() {
        return encoding;
    }

    /**
     * An appendable chunk holding the samples of a chunk serialized by {@link #toBytes()}, in the state the original
     * had: re-appending the same samples makes the same encoding decisions.
     */
    public static Chunk restore(byte[] serialized) {
        Chunk chunk = create();
        ChunkIterator it = iterator(serialized, null);
        while (it.next()) {
            chunk.append(it.timestamp(), it.value());
        }
        return chunk;
    }

    /** Timestamp of the first sample; undefined when empty. */
    public long minTime() {
        return firstTime;
    }

    /** Timestamp of the last sample; undefined when empty. */
    public long maxTime() {
        return lastTime;
    }

    /** Approximate heap bytes of this chunk: the object, its bit writer and the word array. */
    public long memoryBytes() {
        return 112 + 24 + 16 + 8L * bits.words().length;
    }

    /** Size of {@link #toBytes()}. */
    public int sizeBytes() {
        return HEADER_BYTES + (int) ((bits.bitCount() + 7) >>> 3);
    }

    /** Serializes: encoding byte, sample count (big-endian int), then the bit stream. */
    public byte[] toBytes() {
        if (count == 0) {
            throw new IllegalStateException("cannot serialize an empty chunk");
        }
        int streamBytes = (int) ((bits.bitCount() + 7) >>> 3);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + streamBytes);
        out.put(encoding.header()).putInt(count);
        long[] words = bits.words();
        int fullWords = streamBytes >>> 3;
        for (int i = 0; i < fullWords; i++) {
            out.putLong(words[i]);
        }
        for (int i = fullWords * 8; i < streamBytes; i++) {
            out.put((byte) (words[i >>> 3] >>> (56 - 8 * (i & 7))));
        }
        return out.array();
    }

    /**
     * An iterator over the samples appended so far, reusing {@code reuse} when not null. It reads the live buffer, so
     * it must not be used concurrently with {@link #append}; iterate a {@link #toBytes()} copy for that.
     */
    public ChunkIterator iterator(ChunkIterator reuse) {
        ChunkIterator it = reuse != null ? reuse : new ChunkIterator();
        if (count == 0) {
            it.resetEmpty();
        } else {
            it.reset(bits.words(), count, encoding);
        }
        return it;
    }

    /** An iterator over a chunk serialized by {@link #toBytes()}, reusing {@code reuse} when not null. */
    public static ChunkIterator iterator(byte[] chunk, ChunkIterator reuse) {
        if (chunk.length < HEADER_BYTES) {
            throw new IllegalArgumentException("chunk of " + chunk.length + " bytes is shorter than its header");
        }
        Encoding encoding = Encoding.fromHeader(chunk[0]);
        ByteBuffer in = ByteBuffer.wrap(chunk);
        int count = in.getInt(1);
        int streamBytes = chunk.length - HEADER_BYTES;
        ChunkIterator it = reuse != null ? reuse : new ChunkIterator();
        long[] words = it.scratch((streamBytes + 7) >>> 3);
        int fullWords = streamBytes >>> 3;
        in.position(HEADER_BYTES);
        in.asLongBuffer().get(words, 0, fullWords);
        if (fullWords < words.length) {
            long tail = 0;
            for (int i = fullWords * 8; i < streamBytes; i++) {
                tail |= (chunk[HEADER_BYTES + i] & 0xFFL) << (56 - 8 * (i & 7));
            }
            words[fullWords] = tail;
        }
        it.reset(words, count, encoding);
        return it;
    }
}
