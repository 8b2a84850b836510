package dev.vigil.ui.api;

/**
 * The label name in {@code /api/v1/label/<name>/values}. Prometheus 3 lets clients put any UTF-8 name in the path by
 * escaping it with its "value encoding": {@code U__} followed by the name with {@code _} written as {@code __} and
 * every other character outside {@code [a-zA-Z0-9]} as {@code _<hex code point>_}, e.g. {@code U__http_2e_method}
 * for {@code http.method}. Stateless.
 */
final class LabelNameEscaping {
    private static final String PREFIX = "U__";

    private LabelNameEscaping() {}

    /** The name a path segment stands for; a segment that is not a valid escape is taken literally. */
    static String unescape(String segment) {
        if (!segment.startsWith(PREFIX)) {
            return segment;
        }
        String escaped = segment.substring(PREFIX.length());
        StringBuilder out = new StringBuilder(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            if (c != '_') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= escaped.length()) {
                return segment;
            }
            if (escaped.charAt(i) == '_') {
                out.append('_');
                i++;
                continue;
            }
            int codePoint = 0;
            int digits = 0;
            while (i < escaped.length() && escaped.charAt(i) != '_') {
                int d = Character.digit(escaped.charAt(i), 16);
                // Prometheus gives up after five digits, so a six-digit escape stays literal there too.
                if (d < 0 || ++digits > 5) {
                    return segment;
                }
                codePoint = codePoint * 16 + d;
                i++;
            }
            if (i >= escaped.length() || !isValidRune(codePoint)) {
                return segment;
            }
            out.appendCodePoint(codePoint);
            i++;
        }
        return out.toString();
    }

    /** Go's {@code utf8.ValidRune}: a Unicode code point that is not a surrogate. */
    private static boolean isValidRune(int cp) {
        return cp >= 0 && cp <= Character.MAX_CODE_POINT && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
}
