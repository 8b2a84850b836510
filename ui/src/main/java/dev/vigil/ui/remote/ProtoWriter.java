package dev.vigil.ui.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protobuf wire format into a growing byte array. Nested messages are written in place: {@link #beginMessage}
 * reserves room for the length, {@link #endMessage} fills it in (shifting the body when the length needs more than
 * the reserved byte), so no submessage is built as an object. Not thread-safe.
 */
final class ProtoWriter {
    private byte[] buf;
    private int size;

    ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buf;
    }

    void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void int64Field(int field, long v) {
        if (v != 0) {
            tag(field, ProtoReader.VARINT);
            varint(v);
        }
    }

    void doubleField(int field, double v) {
        tag(field, ProtoReader.FIXED64);
        ensure(8);
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (bits >>> (8 * i));
        }
    }

    void stringField(int field, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        tag(field, ProtoReader.LENGTH_DELIMITED);
        varint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** Starts a length-delimited submessage; returns the mark to pass to {@link #endMessage}. */
    int beginMessage(int field) {
        tag(field, ProtoReader.LENGTH_DELIMITED);
        ensure(1);
        size++;
        return size;
    }

    void endMessage(int mark) {
        int len = size - mark;
        int lenBytes = varintSize(len);
        if (lenBytes > 1) {
            ensure(lenBytes - 1);
            System.arraycopy(buf, mark, buf, mark + lenBytes - 1, len);
            size += lenBytes - 1;
        }
        int p = mark - 1;
        long v = len;
        while ((v & ~0x7FL) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[p] = (byte) v;
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long grown = Math.max((long) buf.length * 2, (long) size + more);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("protobuf message larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) grown);
        }
    }
}
