package dev.vigil.promql.parser;

import dev.vigil.model.labels.PromRegex;

/**
 * Words a regex that does not compile as Go's regexp/syntax does, which Prometheus's message quotes: {@code error
 * parsing regexp: missing closing ): `(.*`}. The common mistakes, and the Java syntax RE2 lacks (lookaround,
 * backreferences), get Go's code and expression; anything else keeps {@link PromRegex.SyntaxError#problem()}.
 * Stateless.
 */
final class RegexErrors {
    private static final String PERL_SYNTAX = "invalid or unsupported Perl syntax";
    private static final String ESCAPE = "invalid escape sequence";

    private RegexErrors() {}

    static String message(String regex, PromRegex.SyntaxError e) {
        return "error parsing regexp: " + reason(regex, e);
    }

    private static String reason(String regex, PromRegex.SyntaxError e) {
        String problem = e.problem();
        int at = e.index();
        if (at >= 0) {
            // Found while translating RE2 to Java: at points into the regex as written.
            if (problem.equals("missing closing ]")) {
                return "missing closing ]: `" + regex.substring(unclosedClassStart(regex)) + "`";
            }
            if (problem.startsWith("lookaround assertions") || problem.startsWith("atomic groups")) {
                return PERL_SYNTAX + ": `" + regex.substring(at, Math.min(at + 3, regex.length())) + "`";
            }
            if (problem.startsWith("backreferences") || problem.startsWith("invalid escape")) {
                return ESCAPE + ": `" + regex.substring(at, regex.offsetByCodePoints(at, 2)) + "`";
            }
            return problem;
        }
        if (problem.startsWith("Unclosed group")) {
            return "missing closing ): `" + regex + "`";
        }
        if (problem.startsWith("Unmatched closing ')'")) {
            return "unexpected ): `" + regex + "`";
        }
        if (problem.startsWith("Unclosed character class")) {
            return "missing closing ]: `" + regex.substring(unclosedClassStart(regex)) + "`";
        }
        if (problem.startsWith("Dangling meta character '")) {
            return "missing argument to repetition operator: `" + problem.charAt("Dangling meta character '".length())
                    + "`";
        }
        return problem;
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
