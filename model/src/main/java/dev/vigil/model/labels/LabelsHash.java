package dev.vigil.model.labels;

/**
 * A 64-bit non-cryptographic hash over label pairs in the style of xxHash64: four UTF-16 chars are packed into one
 * 64-bit word and mixed with xxHash64's round function, and each string is prefixed by its length so that
 * {@code {a="bc"}} and {@code {ab="c"}} differ. The result depends only on the content, so it is stable across runs
 * and JVMs and may be persisted.
 */
final class LabelsHash {
    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private LabelsHash() {}

    static long hash(String[] pairs, int length) {
        long acc = PRIME5 + length;
        for (int i = 0; i < length; i++) {
            acc = hashString(acc, pairs[i]);
        }
        return avalanche(acc);
    }

    private static long hashString(long acc, String s) {
        int n = s.length();
        acc = mix(acc, 0x8000_0000_0000_0000L | n);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long word = ((long) s.charAt(i) << 48)
                    | ((long) s.charAt(i + 1) << 32)
                    | ((long) s.charAt(i + 2) << 16)
                    | s.charAt(i + 3);
            acc = mix(acc, word);
        }
        if (i < n) {
            long word = 0;
            for (; i < n; i++) {
                word = (word << 16) | s.charAt(i);
            }
            acc = mix(acc, word);
        }
        return acc;
    }

    private static long mix(long acc, long word) {
        long k = Long.rotateLeft(word * PRIME2, 31) * PRIME1;
        acc ^= k;
        return Long.rotateLeft(acc, 27) * PRIME1 + PRIME4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= PRIME2;
        h ^= h >>> 29;
        h *= PRIME3;
        h ^= h >>> 32;
        return h;
    }
}
