package dev.vigil.promql.parser;

import java.util.regex.PatternSyntaxException;

/**
 * Words a regex that does not compile as Go's regexp/syntax does, which Prometheus's message quotes: {@code error
 * parsing regexp: missing closing ): `(.*`}. The common mistakes get Go's code and expression; anything else keeps the
 * description of the Java or RE2-translation error. Stateless.
 */
final class RegexErrors {
    private RegexErrors() {}

    static String message(String regex, IllegalArgumentException e) {
        return "error parsing regexp: " + reason(regex, e);
    }

    private static String reason(String regex, IllegalArgumentException e) {
        if (!(e.getCause() instanceof PatternSyntaxException syntax)) {
            // Rejected while translating RE2 syntax: "invalid regex "...": what at index n (...)".
            String m = e.getMessage();
            int colon = m.indexOf("\": ");
            String what = colon < 0 ? m : m.substring(colon + 3);
            int at = what.indexOf(" at index ");
            if (at >= 0) {
                what = what.substring(0, at);
            }
            return what.equals("missing closing ]")
                    ? "missing closing ]: `" + regex.substring(unclosedClassStart(regex)) + "`"
                    : what;
        }
        String description = syntax.getDescription();
        if (description.startsWith("Unclosed group")) {
            return "missing closing ): `" + regex + "`";
        }
        if (description.startsWith("Unmatched closing ')'")) {
            return "unexpected ): `" + regex + "`";
        }
        if (description.startsWith("Unclosed character class")) {
            return "missing closing ]: `" + regex.substring(unclosedClassStart(regex)) + "`";
        }
        if (description.startsWith("Dangling meta character '")) {
            return "missing argument to repetition operator: `"
                    + description.charAt("Dangling meta character '".length()) + "`";
        }
        return description;
    }

    /** Where the character class that never closes starts ({@code []...]} and {@code [^]...]} hold a literal ']'). */
    private static int unclosedClassStart(String regex) {
        int start = -1;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (start < 0 && c == '[') {
                start = i;
                int first = i + 1 < regex.length() && regex.charAt(i + 1) == '^' ? i + 2 : i + 1;
                if (first < regex.length() && regex.charAt(first) == ']') {
                    i = first;
                }
            } else if (start >= 0 && c == ']') {
                start = -1;
            }
        }
        return Math.max(start, 0);
    }
}
