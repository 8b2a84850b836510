package dev.vigil.model.labels;

/** String helpers shared by {@link Labels}, {@link LabelsBuilder} and {@link Matcher}. */
final class LabelStrings {
    private LabelStrings() {}

    /**
     * Compares in Unicode code point order, which is the order of the UTF-8 bytes Prometheus compares. Plain {@link
     * String#compareTo} differs for supplementary characters, whose surrogates sort below U+E000..U+FFFF.
     */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                return codePointOrder(ca) - codePointOrder(cb);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointOrder(char c) {
        if (c < 0xD800) {
            return c;
        }
        // Surrogates move above U+E000..U+FFFF so that they sort like the code points they encode.
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /** True for names of the classic form {@code [a-zA-Z_][a-zA-Z0-9_]*}, which print without quotes. */
    static boolean isLegacyName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code s} as a double-quoted string with Go-style escapes, as Prometheus prints label values. */
    static void appendQuoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0007' -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u000B' -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
