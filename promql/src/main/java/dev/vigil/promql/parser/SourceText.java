package dev.vigil.promql.parser;

import dev.vigil.promql.ast.GoStrings;

/**
 * The query text with conversions from ANTLR's code point indexes to char offsets and to line:column, and the
 * factory for errors at a position.
 */
final class SourceText {
    private final String text;
    /** Char offset of each code point, or null when the text has no surrogate pairs (identity mapping). */
    private final int[] charOffsets;

    SourceText(String text) {
        this.text = text;
        this.charOffsets = text.codePointCount(0, text.length()) == text.length() ? null : mapOffsets(text);
    }

    private static int[] mapOffsets(String text) {
        int count = text.codePointCount(0, text.length());
        int[] offsets = new int[count + 1];
        int charIndex = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = charIndex;
            charIndex += Character.charCount(text.codePointAt(charIndex));
        }
        offsets[count] = charIndex;
        return offsets;
    }

    String text() {
        return text;
    }

    /** Converts an ANTLR (code point) index to a char offset; indexes past the end map to the text length. */
    int charOffset(int codePointIndex) {
        if (codePointIndex < 0) {
            return 0;
        }
        if (charOffsets == null) {
            return Math.min(codePointIndex, text.length());
        }
        return charOffsets[Math.min(codePointIndex, charOffsets.length - 1)];
    }

    ParseException error(int charOffset, String reason) {
        int offset = Math.max(0, Math.min(charOffset, text.length()));
        int line = 1;
        int lastLineBreak = -1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lastLineBreak = i;
            }
        }
        // Prometheus counts columns in bytes of UTF-8.
        int column = GoStrings.utf8Length(text.substring(lastLineBreak + 1, offset)) + 1;
        return new ParseException(offset, line, column, reason);
    }
}
