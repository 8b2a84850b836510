package dev.vigil.model.textparse;

import java.nio.charset.StandardCharsets;

/** Renders raw bytes as a Go-style {@code %q} string: safe to log, shows invalid bytes as {@code \xNN}. */
final class Quote {
    private Quote() {}

    /** Quotes {@code b[from, to)}, cutting it to about {@code max} bytes with a trailing "...". */
    static String go(byte[] b, int from, int to, int max) {
        boolean cut = to - from > max;
        int end = cut ? from + max : to;
        StringBuilder out = new StringBuilder(end - from + 8).append('"');
        append(b, from, end, out);
        out.append('"');
        if (cut) {
            out.append("...");
        }
        return out.toString();
    }

    static void append(byte[] b, int from, int to, StringBuilder out) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c >= 0x80) {
                int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
                if (len > 1 && i + len <= to && Utf8.isValid(b, i, i + len)) {
                    out.append(new String(b, i, len, StandardCharsets.UTF_8));
                    i += len;
                } else {
                    hex(c, out);
                    i++;
                }
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        hex(c, out);
                    } else {
                        out.append((char) c);
                    }
                }
            }
            i++;
        }
    }

    private static void hex(int c, StringBuilder out) {
        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
    }
}
