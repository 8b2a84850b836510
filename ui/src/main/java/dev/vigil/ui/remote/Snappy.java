package dev.vigil.ui.remote;

import java.util.Arrays;

/**
 * Snappy's block format (not the framed stream format), which remote write and remote read use for their bodies:
 * a varint with the decoded length, then literals and back-references. Written from the format description; stateless
 * and thread-safe.
 */
public final class Snappy {
    private static final int BLOCK = 1 << 16;
    private static final int HASH_BITS = 14;

    private Snappy() {}

    /** The decoded length a block announces, so a caller can refuse a body before allocating for it. */
    public static int decodedLength(byte[] src, int off, int len) throws SnappyException {
        long n = 0;
        for (int shift = 0, i = off; shift < 35; shift += 7, i++) {
            if (i >= off + len) {
                throw new SnappyException("snappy: corrupt input (truncated length)");
            }
            int b = src[i] & 0xFF;
            n |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                if (n > Integer.MAX_VALUE) {
                    throw new SnappyException("snappy: decoded block is too large");
                }
                return (int) n;
            }
        }
        throw new SnappyException("snappy: corrupt input (length varint too long)");
    }

    /**
     * Decodes a block.
     *
     * @param maxDecodedBytes refuse blocks announcing more than this
     * @throws SnappyException when the block is corrupt or too large
     */
    public static byte[] decode(byte[] src, int off, int len, int maxDecodedBytes) throws SnappyException {
        int decodedLength = decodedLength(src, off, len);
        if (decodedLength > maxDecodedBytes) {
            throw new SnappyException(
                    "snappy: decoded length " + decodedLength + " exceeds the limit of " + maxDecodedBytes + " bytes");
        }
        int i = off;
        while ((src[i] & 0x80) != 0) {
            i++;
        }
        i++;
        int end = off + len;
        byte[] dst = new byte[decodedLength];
        int d = 0;
        while (i < end) {
            int tag = src[i++] & 0xFF;
            int length;
            int offset;
            switch (tag & 3) {
                case 0 -> {
                    length = tag >>> 2;
                    if (length >= 60) {
                        int bytes = length - 59;
                        if (i + bytes > end) {
                            throw new SnappyException("snappy: corrupt input (truncated literal length)");
                        }
                        long l = 0;
                        for (int k = 0; k < bytes; k++) {
                            l |= (long) (src[i + k] & 0xFF) << (8 * k);
                        }
                        i += bytes;
                        if (l >= Integer.MAX_VALUE) {
                            throw new SnappyException("snappy: corrupt input (literal too long)");
                        }
                        length = (int) l;
                    }
                    length++;
                    if (length > end - i || length > decodedLength - d) {
                        throw new SnappyException("snappy: corrupt input (literal overruns the block)");
                    }
                    System.arraycopy(src, i, dst, d, length);
                    i += length;
                    d += length;
                    continue;
                }
                case 1 -> {
                    if (i >= end) {
                        throw new SnappyException("snappy: corrupt input (truncated copy)");
                    }
                    length = 4 + ((tag >>> 2) & 7);
                    offset = ((tag >>> 5) << 8) | (src[i++] & 0xFF);
                }
                case 2 -> {
                    if (i + 2 > end) {
                        throw new SnappyException("snappy: corrupt input (truncated copy)");
                    }
                    length = 1 + (tag >>> 2);
                    offset = (src[i] & 0xFF) | (src[i + 1] & 0xFF) << 8;
                    i += 2;
                }
                default -> {
                    if (i + 4 > end) {
                        throw new SnappyException("snappy: corrupt input (truncated copy)");
                    }
                    length = 1 + (tag >>> 2);
                    offset = (src[i] & 0xFF)
                            | (src[i + 1] & 0xFF) << 8
                            | (src[i + 2] & 0xFF) << 16
                            | (src[i + 3] & 0xFF) << 24;
                    i += 4;
                }
            }
            if (offset <= 0 || offset > d || length > decodedLength - d) {
                throw new SnappyException("snappy: corrupt input (copy offset " + offset + " at " + d + ")");
            }
            if (offset >= length) {
                System.arraycopy(dst, d - offset, dst, d, length);
                d += length;
            } else {
                // Overlapping copy: a run that repeats the last `offset` bytes.
                for (int k = 0; k < length; k++, d++) {
                    dst[d] = dst[d - offset];
                }
            }
        }
        if (d != decodedLength) {
            throw new SnappyException(
                    "snappy: corrupt input (decoded " + d + " bytes, block announced " + decodedLength + ")");
        }
        return dst;
    }

    /** Encodes {@code src[off, off+len)} as one block. */
    public static byte[] encode(byte[] src, int off, int len) {
        byte[] dst = new byte[maxEncodedLength(len)];
        int d = putVarint(dst, 0, len);
        int[] table = new int[1 << HASH_BITS];
        for (int block = off; block < off + len; block += BLOCK) {
            d = encodeBlock(src, block, Math.min(BLOCK, off + len - block), dst, d, table);
        }
        return Arrays.copyOf(dst, d);
    }

    static int maxEncodedLength(int len) {
        return 32 + len + len / 6;
    }

    /** Greedy matching of 4-byte sequences within one 64 KiB block, so every offset fits in two bytes. */
    private static int encodeBlock(byte[] src, int start, int len, byte[] dst, int d, int[] table) {
        int end = start + len;
        int literalStart = start;
        if (len < 17) {
            return emitLiteral(src, start, len, dst, d);
        }
        Arrays.fill(table, -1);
        int i = start;
        int matchLimit = end - 4;
        while (i <= matchLimit) {
            int h = hash(src, i);
            int candidate = table[h];
            table[h] = i;
            if (candidate < start || !same4(src, candidate, i)) {
                i++;
                continue;
            }
            d = emitLiteral(src, literalStart, i - literalStart, dst, d);
            int length = 4;
            while (i + length < end && src[candidate + length] == src[i + length]) {
                length++;
            }
            d = emitCopy(i - candidate, length, dst, d);
            i += length;
            literalStart = i;
        }
        return emitLiteral(src, literalStart, end - literalStart, dst, d);
    }

    private static int hash(byte[] b, int i) {
        int v = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
        return (v * 0x1E35A7BD) >>> (32 - HASH_BITS);
    }

    private static boolean same4(byte[] b, int x, int y) {
        return b[x] == b[y] && b[x + 1] == b[y + 1] && b[x + 2] == b[y + 2] && b[x + 3] == b[y + 3];
    }

    private static int emitLiteral(byte[] src, int from, int length, byte[] dst, int d) {
        if (length == 0) {
            return d;
        }
        int n = length - 1;
        if (n < 60) {
            dst[d++] = (byte) (n << 2);
        } else if (n < 1 << 8) {
            dst[d++] = (byte) (60 << 2);
            dst[d++] = (byte) n;
        } else {
            dst[d++] = (byte) (61 << 2);
            dst[d++] = (byte) n;
            dst[d++] = (byte) (n >>> 8);
        }
        System.arraycopy(src, from, dst, d, length);
        return d + length;
    }

    private static int emitCopy(int offset, int length, byte[] dst, int d) {
        while (length >= 68) {
            d = emitCopy2(offset, 64, dst, d);
            length -= 64;
        }
        if (length > 64) {
            // Leave at least 4 bytes so the remainder can still be a short copy.
            d = emitCopy2(offset, 60, dst, d);
            length -= 60;
        }
        if (length < 12 && offset < 2048) {
            dst[d++] = (byte) (1 | (length - 4) << 2 | (offset >>> 8) << 5);
            dst[d++] = (byte) offset;
            return d;
        }
        return emitCopy2(offset, length, dst, d);
    }

    private static int emitCopy2(int offset, int length, byte[] dst, int d) {
        dst[d++] = (byte) (2 | (length - 1) << 2);
        dst[d++] = (byte) offset;
        dst[d++] = (byte) (offset >>> 8);
        return d;
    }

    private static int putVarint(byte[] dst, int d, int v) {
        while ((v & ~0x7F) != 0) {
            dst[d++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        dst[d++] = (byte) v;
        return d;
    }

    /** A corrupt or oversized snappy block. */
    public static final class SnappyException extends Exception {
        private static final long serialVersionUID = 1L;

        public SnappyException(String message) {
            super(message);
        }
    }
}
