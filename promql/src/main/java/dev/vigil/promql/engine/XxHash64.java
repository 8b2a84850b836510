package dev.vigil.promql.engine;

/**
 * XXH64, the 64-bit xxHash, written from the algorithm's published specification (Yann Collet, "xxHash fast digest
 * algorithm", version 0.1.1). Prometheus hashes label sets with it, seed 0, and {@code limit_ratio} must see the same
 * numbers to pick the same series. Stateless and thread-safe.
 */
final class XxHash64 {
    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private XxHash64() {}

    /** The hash of {@code input[offset, offset + length)} with seed 0. */
    static long hash(byte[] input, int offset, int length) {
        int p = offset;
        int end = offset + length;
        long acc;
        if (length >= 32) {
            long v1 = PRIME1 + PRIME2;
            long v2 = PRIME2;
            long v3 = 0;
            long v4 = -PRIME1;
            for (int limit = end - 32; p <= limit; p += 32) {
                v1 = round(v1, readLong(input, p));
                v2 = round(v2, readLong(input, p + 8));
                v3 = round(v3, readLong(input, p + 16));
                v4 = round(v4, readLong(input, p + 24));
            }
            acc = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            acc = mergeRound(acc, v1);
            acc = mergeRound(acc, v2);
            acc = mergeRound(acc, v3);
            acc = mergeRound(acc, v4);
        } else {
            acc = PRIME5;
        }
        acc += length;
        for (; p + 8 <= end; p += 8) {
            acc ^= round(0, readLong(input, p));
            acc = Long.rotateLeft(acc, 27) * PRIME1 + PRIME4;
        }
        if (p + 4 <= end) {
            acc ^= (readInt(input, p) & 0xFFFFFFFFL) * PRIME1;
            acc = Long.rotateLeft(acc, 23) * PRIME2 + PRIME3;
            p += 4;
        }
        for (; p < end; p++) {
            acc ^= (input[p] & 0xFFL) * PRIME5;
            acc = Long.rotateLeft(acc, 11) * PRIME1;
        }
        acc ^= acc >>> 33;
        acc *= PRIME2;
        acc ^= acc >>> 29;
        acc *= PRIME3;
        acc ^= acc >>> 32;
        return acc;
    }

    private static long round(long acc, long lane) {
        acc += lane * PRIME2;
        acc = Long.rotateLeft(acc, 31);
        return acc * PRIME1;
    }

    private static long mergeRound(long acc, long v) {
        acc ^= round(0, v);
        return acc * PRIME1 + PRIME4;
    }

    /** Little-endian, as the specification reads its lanes. */
    private static long readLong(byte[] b, int p) {
        return (b[p] & 0xFFL)
                | (b[p + 1] & 0xFFL) << 8
                | (b[p + 2] & 0xFFL) << 16
                | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32
                | (b[p + 5] & 0xFFL) << 40
                | (b[p + 6] & 0xFFL) << 48
                | (b[p + 7] & 0xFFL) << 56;
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
