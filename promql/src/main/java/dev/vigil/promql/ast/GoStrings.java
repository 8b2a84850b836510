package dev.vigil.promql.ast;

import java.util.Locale;

/**
 * Java strings that stand for Go strings, i.e. arbitrary bytes. PromQL string literals may spell bytes that are not
 * UTF-8 ({@code "a\xc5z"}); Prometheus keeps them and quotes them back in messages as {@code "a\xc5z"}. So that a Java
 * {@code String} can carry them without loss, {@link #decode} turns each byte of an invalid UTF-8 sequence into the
 * lone surrogate {@code U+DC00 + byte} (the "surrogateescape" convention: lone surrogates never come out of decoding
 * valid UTF-8, nor out of PromQL escapes, which reject surrogate code points). {@link #quote} and {@link #encodeUtf8}
 * turn them back into those bytes. Stateless and thread-safe.
 */
public final class GoStrings {
    private static final int ESCAPE_BASE = 0xDC00;

    private GoStrings() {}

    /** Decodes bytes as Go sees a string: valid UTF-8 sequences as characters, every other byte escaped. */
    public static String decode(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder(length);
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int width = validSequenceLength(bytes, i, length);
            if (width == 0) {
                out.append((char) (ESCAPE_BASE + b));
                i++;
                continue;
            }
            int cp = b & (0xff >> (width + 1));
            for (int k = 1; k < width; k++) {
                cp = (cp << 6) | (bytes[i + k] & 0x3f);
            }
            out.appendCodePoint(cp);
            i += width;
        }
        return out.toString();
    }

    /**
     * The length of the well-formed UTF-8 sequence starting at {@code i} (Unicode's table 3-7: no overlong forms, no
     * surrogates, nothing above U+10FFFF), or 0 when the byte there does not start one.
     */
    private static int validSequenceLength(byte[] bytes, int i, int length) {
        int b0 = bytes[i] & 0xff;
        int width;
        int lo = 0x80;
        int hi = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            width = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            width = 3;
            lo = b0 == 0xe0 ? 0xa0 : 0x80;
            hi = b0 == 0xed ? 0x9f : 0xbf;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            width = 4;
            lo = b0 == 0xf0 ? 0x90 : 0x80;
            hi = b0 == 0xf4 ? 0x8f : 0xbf;
        } else {
            return 0;
        }
        if (i + width > length) {
            return 0;
        }
        int b1 = bytes[i + 1] & 0xff;
        if (b1 < lo || b1 > hi) {
            return 0;
        }
        for (int k = 2; k < width; k++) {
            int bk = bytes[i + k] & 0xff;
            if (bk < 0x80 || bk > 0xbf) {
                return 0;
            }
        }
        return width;
    }

    /** The byte an escaped character stands for, or -1 when {@code c} is not one. */
    public static int escapedByte(char c) {
        return c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff ? c - ESCAPE_BASE : -1;
    }

    /** Whether the string is valid UTF-8 as Go sees it: it holds no escaped byte nor any other lone surrogate. */
    public static boolean isValidUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Writes the bytes {@code s} stands for into {@code out} from {@code pos} and returns the new position, or the
     * negated number of bytes needed from {@code pos} when {@code out} is too small (nothing useful is written then).
     * Escaped bytes are written as themselves; any other lone surrogate as U+FFFD, as Go would.
     */
    public static int encodeUtf8(String s, byte[] out, int pos) {
        int p = pos;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (p >= out.length) {
                    return -utf8Length(s);
                }
                out[p++] = (byte) c;
                continue;
            }
            if (p + 4 > out.length) {
                return -utf8Length(s);
            }
            int raw = escapedByte(c);
            if (raw >= 0) {
                out[p++] = (byte) raw;
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            if (cp < 0x800) {
                out[p++] = (byte) (0xc0 | (cp >> 6));
            } else if (cp < 0x10000) {
                out[p++] = (byte) (0xe0 | (cp >> 12));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            } else {
                out[p++] = (byte) (0xf0 | (cp >> 18));
                out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            }
            out[p++] = (byte) (0x80 | (cp & 0x3f));
        }
        return p;
    }

    /** The number of bytes {@code s} stands for. */
    public static int utf8Length(String s) {
        int len = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 || escapedByte(c) >= 0) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 4;
                i++;
            } else {
                len += 3;
            }
        }
        return len;
    }

    /** Go's {@code strconv.Quote} (and so {@code %q}): double quotes, Go escapes, invalid bytes as {@code \xNN}. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int raw = cp <= 0xffff ? escapedByte((char) cp) : -1;
            if (raw >= 0) {
                out.append(String.format(Locale.ROOT, "\\x%02x", raw));
            } else if (cp <= 0xffff && Character.isSurrogate((char) cp)) {
                out.append('\uFFFD');
            } else {
                appendQuoted(out, cp);
            }
        }
        return out.append('"').toString();
    }

    private static void appendQuoted(StringBuilder out, int cp) {
        switch (cp) {
            case '"':
                out.append("\\\"");
                return;
            case '\\':
                out.append("\\\\");
                return;
            case 0x07:
                out.append("\\a");
                return;
            case '\b':
                out.append("\\b");
                return;
            case '\f':
                out.append("\\f");
                return;
            case '\n':
                out.append("\\n");
                return;
            case '\r':
                out.append("\\r");
                return;
            case '\t':
                out.append("\\t");
                return;
            case 0x0B:
                out.append("\\v");
                return;
            default:
                break;
        }
        if (isPrintable(cp)) {
            out.appendCodePoint(cp);
        } else if (cp < 0x80) {
            out.append(String.format(Locale.ROOT, "\\x%02x", cp));
        } else if (cp < 0x10000) {
            out.append(String.format(Locale.ROOT, "\\u%04x", cp));
        } else {
            out.append(String.format(Locale.ROOT, "\\U%08x", cp));
        }
    }

    /** Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
