package dev.vigil.ui.remote;

import dev.vigil.model.textparse.SymbolCache;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format from a byte array window, field by field, without building message objects: a decoder
 * calls {@link #nextField()} and then the reader matching the field's wire type, or {@link #skip()}. Submessages are
 * read by opening a child window with {@link #message()}. Not thread-safe.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private byte[] buf;
    private int pos;
    private int limit;
    private int tag;

    ProtoReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    /** An independent reader over the unread rest of this window, for a second pass. */
    ProtoReader copy() {
        return new ProtoReader(buf, pos, limit - pos);
    }

    /** Moves to the next field; false at the end of the window. */
    boolean nextField() throws ProtoException {
        if (pos >= limit) {
            return false;
        }
        long t = readVarint();
        if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
            throw new ProtoException("invalid field tag " + t + " at byte " + pos);
        }
        tag = (int) t;
        return true;
    }

    int fieldNumber() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long readVarint() throws ProtoException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new ProtoException("truncated varint at byte " + pos);
            }
            int b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new ProtoException("varint longer than 10 bytes at byte " + pos);
    }

    long int64() throws ProtoException {
        expect(VARINT);
        return readVarint();
    }

    int int32() throws ProtoException {
        expect(VARINT);
        return (int) readVarint();
    }

    boolean bool() throws ProtoException {
        expect(VARINT);
        return readVarint() != 0;
    }

    double doubleValue() throws ProtoException {
        expect(FIXED64);
        if (limit - pos < 8) {
            throw new ProtoException("truncated double at byte " + pos);
        }
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    /** A UTF-8 string field; invalid UTF-8 is an error, as in Go's protobuf for proto3 strings. */
    String string() throws ProtoException {
        return string(null);
    }

    /**
     * A UTF-8 string field, taken from {@code symbols} when it holds these bytes already (label names and values
     * repeat across series and requests), so it is not decoded and allocated again.
     */
    String string(SymbolCache symbols) throws ProtoException {
        int len = lengthPrefix();
        int start = pos;
        pos += len;
        for (int i = start; i < start + len; i++) {
            if (buf[i] < 0) {
                checkUtf8(start, len);
                break;
            }
        }
        return symbols == null ? new String(buf, start, len, StandardCharsets.UTF_8) : symbols.get(buf, start, len);
    }

    private void checkUtf8(int start, int len) throws ProtoException {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, len));
        } catch (CharacterCodingException e) {
            throw new ProtoException("string field " + fieldNumber() + " is not valid UTF-8");
        }
    }

    /** A reader over the current length-delimited field, which this reader then steps over. */
    ProtoReader message() throws ProtoException {
        int len = lengthPrefix();
        ProtoReader child = new ProtoReader(buf, pos, len);
        pos += len;
        return child;
    }

    /**
     * Points {@code reuse} at the current length-delimited field, which this reader then steps over; for submessages
     * read in a loop (samples), so that none allocates a reader.
     */
    ProtoReader message(ProtoReader reuse) throws ProtoException {
        int len = lengthPrefix();
        reuse.buf = buf;
        reuse.pos = pos;
        reuse.limit = pos + len;
        reuse.tag = 0;
        pos += len;
        return reuse;
    }

    /** Calls {@code each} with every value of a packed (or single unpacked) repeated varint field. */
    void packedVarints(java.util.function.LongConsumer each) throws ProtoException {
        if (wireType() == VARINT) {
            each.accept(readVarint());
            return;
        }
        ProtoReader packed = message();
        while (packed.pos < packed.limit) {
            each.accept(packed.readVarint());
        }
    }

    void skip() throws ProtoException {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LENGTH_DELIMITED -> advance(lengthPrefix());
            case FIXED32 -> advance(4);
            default ->
                throw new ProtoException(
                        "unsupported wire type " + wireType() + " of field " + fieldNumber() + " at byte " + pos);
        }
    }

    private int lengthPrefix() throws ProtoException {
        expect(LENGTH_DELIMITED);
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw new ProtoException("length " + len + " of field " + fieldNumber() + " overruns the message");
        }
        return (int) len;
    }

    private void advance(int n) throws ProtoException {
        if (limit - pos < n) {
            throw new ProtoException("truncated field " + fieldNumber() + " at byte " + pos);
        }
        pos += n;
    }

    private void expect(int wireType) throws ProtoException {
        if (wireType() != wireType) {
            throw new ProtoException(
                    "field " + fieldNumber() + " has wire type " + wireType() + ", expected " + wireType);
        }
    }
}
