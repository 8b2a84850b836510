package dev.vigil.tsdb.chunk;

/**
 * An appendable compressed chunk of samples of one series.
 *
 * <p>Timestamps are delta-of-delta coded ({@link Codec}). Values whose every sample so far has a short integer form
 * ({@link Scale}: integers, integers in units of a power of two, decimals with up to {@value Scale#MAX_DECIMALS}
 * digits) are coded as integers, either as changes of the previous change ({@link Encoding#INTEGER_DOD}: counters) or
 * as changes ({@link Encoding#INTEGER_DELTA}: gauges), with adaptive Rice codes. Other values use Gorilla's XOR
 * coding. The encoder tracks what the alternatives would have cost and re-encodes the chunk once the samples so far
 * show that another coding is clearly smaller (checked after 8 and 40 samples); a value without an integer form
 * (a fraction with many digits, NaN, the stale marker, -0.0, |v| >= 2^53) switches the chunk to XOR for good. {@link
 * #xorOnly()} skips the integer codings.
 *
 * <p>Serialized form: encoding byte, varint sample count, zigzag varint first timestamp, then for integer codings one
 * byte of decimals, one byte of binary shift and the zigzag varint first integer, or for XOR the 8 bytes of the first
 * value; then the bit stream of the other samples.
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
 * <p>Appending allocates nothing except when the bit buffer grows or the chunk is re-encoded. Not thread-safe: the
 * owner (the head series) appends under its lock and readers iterate a {@link #toBytes()} copy.
 */
public final class Chunk extends BitWriter {
    /** Re-encodings allowed per chunk, to bound the work a pathological series can cause. */
    private static final int MAX_REENCODES = 6;

    /** Sample counts at which the coding is reconsidered. */
    private static final int FIRST_DECISION = 8;

    private static final int LAST_DECISION = 16;

    // Fields are few and narrow: every series in the head holds an open chunk.
    private final boolean adaptive;
    private boolean rebuilding;
    private byte reencodes;
    private byte decimals;
    private byte shift;
    private byte leading = -1;
    private byte trailing;
    private Encoding encoding;
    private int count;
    private long firstTime;
    private long lastTime;
    private long timeDelta;
    /** XOR: raw bits of the first value; integer codings: the first integer. */
    private long first;
    /** XOR: raw bits of the last value; integer codings: the last integer. */
    private long last;

    private long intDelta;
    private long dodSum;
    private long deltaSum;
    /** What the codings would cost; dropped after the last decision so open chunks stay small. */
    private Adaptation adaptation;

    /** What each coding would have cost for the values so far (bits of the stream), to choose between them. */
    private static final class Adaptation {
        long dodBits;
        long deltaBits;
        long xorBits;
        long lastBits;
        int leading = -1;
        int trailing;
    }

    private Chunk(boolean adaptive, int initialWords) {
        super(initialWords);
        this.adaptive = adaptive;
    }

    /**
     * Reads the fields and the current word an append touches, so a caller can load many chunks' cache lines in one
     * tight loop (their misses overlap) before appending to each; the value means nothing.
     */
    public long touch() {
        return count + currentWord();
    }

    /** A chunk choosing the smallest coding for its values. */
    public static Chunk create() {
        return new Chunk(true, 4);
    }

    /**
     * Like {@link #create()}, with room for {@code expectedWords} words of samples from the start: a series' next chunk
     * is about as big as its last one, and an open chunk that grows in place leaves each outgrown array behind as
     * garbage in the old generation (open chunks live for minutes).
     */
    public static Chunk create(int expectedWords) {
        return new Chunk(true, Math.max(4, expectedWords));
    }

    /** A chunk that always uses the XOR coding. */
    public static Chunk xorOnly() {
        return new Chunk(false, 4);
    }

    /** Words holding the samples so far (the last one possibly partly). */
    public int usedWords() {
        return (int) ((bitCount() + 63) >>> 6);
    }

    /**
     * An appendable chunk holding the samples of a chunk serialized by {@link #toBytes()}, in the state the original
     * had: re-appending the same samples makes the same coding decisions.
     */
    public static Chunk restore(byte[] serialized) {
        Chunk chunk = create();
        ChunkIterator it = iterator(serialized, null);
        while (it.next()) {
            chunk.append(it.timestamp(), it.value());
        }
        return chunk;
    }

    /**
     * Appends a sample. The caller guarantees {@code t} is greater than {@link #maxTime()} when the chunk is not empty.
     */
    public void append(long t, double v) {
        if (count == 0) {
            start(t, v);
            return;
        }
        long m = 0;
        if (encoding.isInteger()) {
            m = Scale.scaled(v, decimals, shift);
            if (m == Scale.NONE) {
                rescale(v);
                append(t, v);
                return;
            }
        }
        long delta = t - lastTime;
        Codec.writeBucketed(this, delta - timeDelta, Codec.TIME_BITS);
        timeDelta = delta;
        lastTime = t;
        if (encoding == Encoding.XOR) {
            appendXor(Double.doubleToRawLongBits(v));
        } else {
            appendInteger(m, v);
        }
        count++;
        if (adaptation != null && (count == FIRST_DECISION || count == LAST_DECISION)) {
            if (!rebuilding) {
                switchIfSmaller();
            }
            if (count == LAST_DECISION && adaptation != null) {
                adaptation = null;
            }
        }
    }

    private void start(long t, double v) {
        firstTime = t;
        lastTime = t;
        timeDelta = 0;
        count = 1;
        int d = adaptive && encoding != Encoding.XOR ? Scale.decimalsOf(v) : -1;
        if (d >= 0) {
            if (encoding == null) {
                encoding = Encoding.INTEGER_DOD;
                decimals = (byte) d;
                shift = (byte) (v == 0 ? 0 : Math.min(Scale.shiftOf(v, d), 62));
            }
            first = Scale.scaled(v, decimals, shift);
            last = first;
            intDelta = 0;
            dodSum = 0;
            deltaSum = 0;
            adaptation = new Adaptation();
            adaptation.lastBits = Double.doubleToRawLongBits(v);
        } else {
            adaptation = null;
            encoding = Encoding.XOR;
            first = Double.doubleToRawLongBits(v);
            last = first;
            leading = -1;
            trailing = 0;
        }
    }

    private void appendInteger(long m, double v) {
        long delta = m - last;
        Adaptation a = adaptation;
        if (count == 1) {
            int cost = Codec.writeBucketed(this, delta, Codec.INT_BITS);
            if (a != null) {
                a.dodBits += cost;
                a.deltaBits += cost;
            }
        } else {
            long zDod = Codec.zigzag(delta - intDelta);
            long zDelta = Codec.zigzag(delta);
            int kDod = Codec.riceParameter(dodSum);
            int kDelta = Codec.riceParameter(deltaSum);
            if (encoding == Encoding.INTEGER_DOD) {
                int cost = Codec.writeRice(this, zDod, kDod);
                if (a != null) {
                    a.dodBits += cost;
                    a.deltaBits += Codec.riceCost(zDelta, kDelta);
                }
            } else {
                int cost = Codec.writeRice(this, zDelta, kDelta);
                if (a != null) {
                    a.deltaBits += cost;
                    a.dodBits += Codec.riceCost(zDod, kDod);
                }
            }
            dodSum = Codec.riceUpdate(dodSum, zDod);
            deltaSum = Codec.riceUpdate(deltaSum, zDelta);
        }
        intDelta = delta;
        last = m;
        if (a != null) {
            a.xorBits += xorCost(a, Double.doubleToRawLongBits(v));
        }
    }

    /** The bits {@link #appendXor} would write for this value, tracked without writing them. */
    private static int xorCost(Adaptation a, long valueBits) {
        long xor = valueBits ^ a.lastBits;
        a.lastBits = valueBits;
        if (xor == 0) {
            return 1;
        }
        int lead = Long.numberOfLeadingZeros(xor);
        int trail = Long.numberOfTrailingZeros(xor);
        if (a.leading >= 0 && lead >= a.leading && trail >= a.trailing) {
            return 2 + 64 - a.leading - a.trailing;
        }
        a.leading = lead;
        a.trailing = trail;
        return 14 + 64 - lead - trail;
    }

    private void appendXor(long valueBits) {
        long xor = valueBits ^ last;
        last = valueBits;
        if (xor == 0) {
            writeBit(false);
            return;
        }
        int lead = Long.numberOfLeadingZeros(xor);
        int trail = Long.numberOfTrailingZeros(xor);
        if (leading >= 0 && lead >= leading && trail >= trailing) {
            write(0b10, 2);
            write(xor >>> trailing, 64 - leading - trailing);
            return;
        }
        int significant = 64 - lead - trail;
        write(0b11, 2);
        write(lead, 6);
        write(significant - 1, 6);
        write(xor >>> trail, significant);
        leading = (byte) lead;
        trailing = (byte) trail;
    }

    /** A value does not fit the integer parameters: widen them, or fall back to XOR. */
    private void rescale(double v) {
        int d = Scale.decimalsOf(v);
        if (d < 0 || reencodes >= MAX_REENCODES) {
            reencode(Encoding.XOR, 0, 0);
            return;
        }
        int newDecimals = Math.max(decimals, d);
        int newShift = newDecimals == 0 ? Math.min(shift, Scale.shiftOf(v, 0)) : 0;
        reencode(encoding, newDecimals, newShift);
    }

    /** Re-encodes when the samples so far say another coding is clearly smaller. */
    private void switchIfSmaller() {
        Adaptation a = adaptation;
        long current = encoding == Encoding.INTEGER_DOD ? a.dodBits : a.deltaBits;
        long other = encoding == Encoding.INTEGER_DOD ? a.deltaBits : a.dodBits;
        long margin = Math.max(16, current / 8);
        if (reencodes >= MAX_REENCODES) {
            return;
        }
        if (a.xorBits < other && a.xorBits + margin < current) {
            reencode(Encoding.XOR, 0, 0);
        } else if (other + margin < current) {
            reencode(encoding == Encoding.INTEGER_DOD ? Encoding.INTEGER_DELTA : Encoding.INTEGER_DOD, decimals, shift);
        }
    }

    /** Rebuilds the chunk with another coding (XOR when a value has no form with the given parameters). */
    private void reencode(Encoding target, int newDecimals, int newShift) {
        int n = count;
        long[] times = new long[n];
        double[] values = new double[n];
        ChunkIterator it = iterator(null);
        for (int i = 0; it.next(); i++) {
            times[i] = it.timestamp();
            values[i] = it.value();
        }
        if (target.isInteger()) {
            for (double v : values) {
                if (Scale.scaled(v, newDecimals, newShift) == Scale.NONE) {
                    target = Encoding.XOR;
                    break;
                }
            }
        }
        reset();
        count = 0;
        reencodes++;
        encoding = target;
        decimals = (byte) newDecimals;
        shift = (byte) newShift;
        rebuilding = true;
        try {
            for (int i = 0; i < n; i++) {
                append(times[i], values[i]);
            }
        } finally {
            rebuilding = false;
        }
    }

    public int count() {
        return count;
    }

    public Encoding encoding() {
        return encoding;
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
        return 112 + (adaptation == null ? 0 : 56) + 16 + 8L * words().length;
    }

    private int headerBytes() {
        int size = 1 + Codec.varintSize(count) + Codec.varintSize(Codec.zigzag(firstTime));
        return size + (encoding.isInteger() ? 2 + Codec.varintSize(Codec.zigzag(first)) : 8);
    }

    /** Size of {@link #toBytes()}. */
    public int sizeBytes() {
        return headerBytes() + (int) ((bitCount() + 7) >>> 3);
    }

    /** Serializes: header, then the bit stream. */
    public byte[] toBytes() {
        if (count == 0) {
            throw new IllegalStateException("cannot serialize an empty chunk");
        }
        int streamBytes = (int) ((bitCount() + 7) >>> 3);
        byte[] out = new byte[headerBytes() + streamBytes];
        out[0] = encoding.header();
        int pos = Codec.putVarint(out, 1, count);
        pos = Codec.putVarint(out, pos, Codec.zigzag(firstTime));
        if (encoding.isInteger()) {
            out[pos++] = decimals;
            out[pos++] = shift;
            pos = Codec.putVarint(out, pos, Codec.zigzag(first));
        } else {
            for (int shiftBits = 56; shiftBits >= 0; shiftBits -= 8) {
                out[pos++] = (byte) (first >>> shiftBits);
            }
        }
        long[] words = words();
        for (int i = 0; i < streamBytes; i++) {
            out[pos + i] = (byte) (words[i >>> 3] >>> (56 - 8 * (i & 7)));
        }
        return out;
    }

    /**
     * An iterator over the samples appended so far, reusing {@code reuse} when not null. It reads the live buffer, so
     * it must not be used concurrently with {@link #append}; iterate a {@link #toBytes()} copy for that.
     */
    public ChunkIterator iterator(ChunkIterator reuse) {
        ChunkIterator it = reuse != null ? reuse : new ChunkIterator();
        if (count == 0) {
            it.resetEmpty();
        } else if (encoding.isInteger()) {
            it.resetInteger(words(), count, encoding, firstTime, first, decimals, shift);
        } else {
            it.resetXor(words(), count, firstTime, first);
        }
        return it;
    }

    /** An iterator over a chunk serialized by {@link #toBytes()}, reusing {@code reuse} when not null. */
    public static ChunkIterator iterator(byte[] chunk, ChunkIterator reuse) {
        ChunkIterator it = reuse != null ? reuse : new ChunkIterator();
        it.resetSerialized(chunk);
        return it;
    }
}
