package dev.vigil.model.textparse;

import java.util.Arrays;

/** Byte ranges of the label names and values of one label set on the current line; reused per line. */
final class LabelSpans {
    static final byte NAME_ESCAPED = 1;
    static final byte NAME_NON_ASCII = 2;
    static final byte VALUE_ESCAPED = 4;
    static final byte VALUE_NON_ASCII = 8;

    /** Per label: name start, name end, value start, value end (value without its quotes). */
    int[] spans = new int[4 * 16];

    byte[] flags = new byte[16];
    int count;

    void add(int nameStart, int nameEnd, int valueStart, int valueEnd, int labelFlags) {
        if (count == flags.length) {
            flags = Arrays.copyOf(flags, count * 2);
            spans = Arrays.copyOf(spans, count * 8);
        }
        int k = count << 2;
        spans[k] = nameStart;
        spans[k + 1] = nameEnd;
        spans[k + 2] = valueStart;
        spans[k + 3] = valueEnd;
        flags[count] = (byte) labelFlags;
        count++;
    }
}
