package dev.vigil.ui.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * String escaping as Prometheus's JSON encoder (jsoniter) does it, in its two modes. {@link #PLAIN} is how label
 * names and values inside {@code "metric"} objects are written: backslash escapes for the quote, the backslash,
 * newline, carriage return and tab, and a six-character unicode escape with lower-case hex for every other control
 * character. {@link #HTML} is how every other string is written: additionally {@code <}, {@code >}, {@code &}, U+2028
 * and U+2029 as unicode escapes. Immutable.
 */
final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    static final GoEscapes PLAIN = new GoEscapes(false);
    static final GoEscapes HTML = new GoEscapes(true);

    private static final SerializedString[] CONTROL = new SerializedString[32];
    private static final SerializedString LT = new SerializedString("\\u003c");
    private static final SerializedString GT = new SerializedString("\\u003e");
    private static final SerializedString AMP = new SerializedString("\\u0026");
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    static {
        for (int c = 0; c < CONTROL.length; c++) {
            CONTROL[c] = new SerializedString(String.format(Locale.ROOT, "\\u%04x", c));
        }
    }

    private final boolean html;
    private final int[] asciiEscapes;

    private GoEscapes(boolean html) {
        this.html = html;
        int[] escapes = standardAsciiEscapesForJSON();
        for (int c = 0; c < 32; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                // Jackson would write the short escapes for backspace and form feed, and upper-case hex; Go writes
                // unicode escapes with lower-case hex for both.
                escapes[c] = ESCAPE_CUSTOM;
            }
        }
        if (html) {
            escapes['<'] = ESCAPE_CUSTOM;
            escapes['>'] = ESCAPE_CUSTOM;
            escapes['&'] = ESCAPE_CUSTOM;
        }
        this.asciiEscapes = escapes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 32) {
            return CONTROL[ch];
        }
        if (!html) {
            return null;
        }
        return switch (ch) {
            case '<' -> LT;
            case '>' -> GT;
            case '&' -> AMP;
            case 0x2028 -> LINE_SEPARATOR;
            case 0x2029 -> PARAGRAPH_SEPARATOR;
            default -> null;
        };
    }
}
