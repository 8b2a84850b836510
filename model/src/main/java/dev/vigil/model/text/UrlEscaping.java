package dev.vigil.model.text;

import java.nio.charset.StandardCharsets;

/** URL escaping as Go's {@code net/url} does it, so URLs and links match Prometheus's byte for byte. Stateless. */
public final class UrlEscaping {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEscaping() {}

    /** Go's {@code url.QueryEscape}: space as {@code +}, everything but {@code A-Za-z0-9-_.~} percent-encoded. */
    public static String queryEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
