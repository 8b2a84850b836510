package dev.vigil.tsdb.head;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Encodes the samples of one commit for the WAL: a CRC32C of the rest (4 bytes), a varint count, then per sample the
 * zigzag varint deltas of series id and timestamp against the previous sample and the 8 raw bytes of the value. A
 * scrape costs about 10 bytes per sample (ids ascend, timestamps repeat). The writer is reused across commits; not
 * thread-safe.
 */
final class WalRecord {
    private static final int CRC_BYTES = 4;

    private byte[] buffer = new byte[1024];
    private int length;
    private long previousId;
    private long previousTime;

    /** Starts a record; {@code count} must equal the number of {@link #add} calls that follow. */
    void start(int count) {
        length = CRC_BYTES;
        previousId = 0;
        previousTime = 0;
        ensure(5);
        writeVarint(count);
    }

    void add(long seriesId, long t, double v) {
        ensure(30);
        writeVarint(zigzag(seriesId - previousId));
        writeVarint(zigzag(t - previousTime));
        long bits = Double.doubleToRawLongBits(v);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (bits >>> shift);
        }
        previousId = seriesId;
        previousTime = t;
    }

    /** A copy of the encoded record with its checksum. */
    byte[] toBytes() {
        CRC32C crc = new CRC32C();
        crc.update(buffer, CRC_BYTES, length - CRC_BYTES);
        int c = (int) crc.getValue();
        buffer[0] = (byte) (c >>> 24);
        buffer[1] = (byte) (c >>> 16);
        buffer[2] = (byte) (c >>> 8);
        buffer[3] = (byte) c;
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }

    private void writeVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[length++] = (byte) v;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** Receives decoded samples. */
    @FunctionalInterface
    interface SampleVisitor {
        void visit(long seriesId, long t, double v);
    }

    /** Whether {@code record} is complete and its checksum matches. */
    static boolean isIntact(byte[] record) {
        if (record.length < CRC_BYTES + 1) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(record, CRC_BYTES, record.length - CRC_BYTES);
        int stored = ((record[0] & 0xFF) << 24)
                | ((record[1] & 0xFF) << 16)
                | ((record[2] & 0xFF) << 8)
                | (record[3] & 0xFF);
        return stored == (int) crc.getValue();
    }

    /** The number of samples in an intact record. */
    static long count(byte[] record) {
        return readVarint(record, new int[] {CRC_BYTES});
    }

    /** Decodes an intact record written by this class. */
    static void decode(byte[] record, SampleVisitor visitor) {
        int[] pos = {CRC_BYTES};
        long count = readVarint(record, pos);
        long id = 0;
        long t = 0;
        for (long i = 0; i < count; i++) {
            id += unzigzag(readVarint(record, pos));
            t += unzigzag(readVarint(record, pos));
            long bits = 0;
            for (int b = 0; b < 8; b++) {
                bits = (bits << 8) | (record[pos[0]++] & 0xFF);
            }
            visitor.visit(id, t, Double.longBitsToDouble(bits));
        }
    }

    private static long readVarint(byte[] in, int[] pos) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
