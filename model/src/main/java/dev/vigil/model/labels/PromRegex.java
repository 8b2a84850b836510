package dev.vigil.model.labels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Prometheus (RE2 syntax) regular expression compiled to {@link java.util.regex.Pattern}, fully anchored, with
 * {@code .} matching newlines as in Prometheus 3 ({@code (?s)}).
 *
 * <p>java.util.regex differs from RE2; the translation handles these cases so that results agree with Prometheus:
 *
 * <ul>
 *   <li>POSIX classes {@code [[:alpha:]]} (Java would read a nested class of the chars {@code :alph}) become {@code
 *       \p{Alpha}}; {@code [[:^alpha:]]} becomes {@code \P{Alpha}}; {@code [[:word:]]} becomes {@code \w}.
 *   <li>Inside a class, {@code [} and {@code &} are literals in RE2 but nesting/intersection in Java; they are escaped.
 *   <li>{@code \s} is {@code [\t\n\f\r ]} in RE2 (Java adds {@code \x0B}); {@code \v} is the vertical tab in RE2 (a class
 *       in Java); octal escapes {@code \0}, {@code \12}, {@code \123} become {@code \x{..}}.
 *   <li>{@code \pN}/{@code \p{Lu}} stay; script names such as {@code \p{Greek}} become {@code \p{IsGreek}}.
 *   <li>Named groups {@code (?P<name>re)} and {@code (?<name>re)} become plain capturing groups (Java group names
 *       cannot hold {@code _}); their numbers are kept in {@link #groupNames()}.
 *   <li>A {@code {} that does not start a valid repetition is a literal in RE2 and is escaped.
 *   <li>{@code (?i)} folds case by Unicode rules as in RE2 ({@link Pattern#UNICODE_CASE}).
 * </ul>
 *
 * <p>Constructs RE2 rejects and Java would accept are rejected with a clear message: backreferences {@code \1},
 * lookaround {@code (?=}, {@code (?!}, {@code (?<=}, {@code (?<!}, atomic groups {@code (?>}, possessive quantifiers
 * {@code a*+}, {@code \Z}, {@code \C}, other unknown escapes, and any flag other than {@code imsU}. RE2's ungreedy flag
 * {@code U} (Unicode classes in Java) is translated by swapping the greediness of each repetition it covers.
 *
 * <p>Thread-safe: instances are immutable.
 */
public final class PromRegex {
    private final String source;
    private final Pattern pattern;
    private final Map<String, Integer> groupNames;

    private PromRegex(String source, Pattern pattern, Map<String, Integer> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /**
     * Compiles {@code regex} in RE2 syntax.
     *
     * @throws SyntaxError naming the regex and the problem when it is invalid or uses syntax RE2 lacks
     */
    public static PromRegex compile(String regex) {
        Translator t = new Translator(regex);
        String java = t.translate();
        try {
            Pattern p = Pattern.compile("(?:" + java + ")", Pattern.DOTALL | Pattern.UNICODE_CASE);
            return new PromRegex(regex, p, Collections.unmodifiableMap(t.groupNames));
        } catch (PatternSyntaxException e) {
            // The index points into the translated pattern, not into the regex as written.
            throw new SyntaxError(regex, e.getDescription(), -1, e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    /**
     * A regex that does not compile. {@link #problem()} and {@link #index()} say what and where without repeating the
     * regex, for callers that word the error their own way; the message says all of it.
     */
    public static final class SyntaxError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String problem;
        private final int index;

        SyntaxError(String regex, String problem, int index, String detail, Throwable cause) {
            super("invalid regex \"" + regex + "\": " + detail, cause);
            this.problem = problem;
            this.index = index;
        }

        /**
         * What is wrong: RE2 syntax Java lacks or Java syntax RE2 lacks (e.g. {@code lookaround assertions are not
         * supported}), or else java.util.regex's description (e.g. {@code Unclosed group}), then the cause is the
         * {@link PatternSyntaxException}.
         */
        public String problem() {
            return problem;
        }

        /** Where in the regex as written the problem starts, or -1 where java.util.regex found it. */
        public int index() {
            return index;
        }
    }

    /** True when the whole of {@code value} matches. */
    public boolean matches(CharSequence value) {
        return pattern.matcher(value).matches();
    }

    /** The compiled Java pattern; use {@link java.util.regex.Matcher#matches()} for Prometheus's anchoring. */
    public Pattern pattern() {
        return pattern;
    }

    /** Named groups to their capture group numbers. */
    public Map<String, Integer> groupNames() {
        return groupNames;
    }

    /** The regex as written. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** One-pass scanner from RE2 syntax to java.util.regex syntax. */
    private static final class Translator {
        private final String re;
        private final StringBuilder out;
        private final Map<String, Integer> groupNames = new LinkedHashMap<>();
        /** The ungreedy flag outside each open group, restored when the group closes. */
        private final java.util.ArrayDeque<Boolean> enclosingUngreedy = new java.util.ArrayDeque<>();

        private boolean ungreedy;
        private int pos;
        private int groups;

        Translator(String re) {
            this.re = re;
            this.out = new StringBuilder(re.length() + 16);
        }

        String translate() {
            while (pos < re.length()) {
                char c = re.charAt(pos);
                switch (c) {
                    case '\\' -> escape(false);
                    case '[' -> charClass();
                    case '(' -> group();
                    case ')' -> {
                        if (!enclosingUngreedy.isEmpty()) {
                            ungreedy = enclosingUngreedy.pop();
                        }
                        out.append(c);
                        pos++;
                    }
                    case '{' -> brace();
                    case '*', '+', '?' -> {
                        out.append(c);
                        pos++;
                        afterQuantifier();
                    }
                    default -> {
                        out.append(c);
                        pos++;
                    }
                }
            }
            return out.toString();
        }

        private SyntaxError error(String what) {
            return new SyntaxError(re, what, pos, what + " at index " + pos + " (Prometheus uses RE2 syntax)", null);
        }

        private void afterQuantifier() {
            boolean lazy = pos < re.length() && re.charAt(pos) == '?';
            if (lazy) {
                pos++;
            }
            if (lazy != ungreedy) {
                out.append('?');
            }
            if (pos < re.length() && (re.charAt(pos) == '+' || re.charAt(pos) == '*')) {
                throw error("nested or possessive repetition operator");
            }
        }

        private void brace() {
            int end = pos + 1;
            int digits = 0;
            while (end < re.length() && Character.isDigit(re.charAt(end))) {
                end++;
                digits++;
            }
            boolean valid = digits > 0;
            if (valid && end < re.length() && re.charAt(end) == ',') {
                end++;
                while (end < re.length() && Character.isDigit(re.charAt(end))) {
                    end++;
                }
            }
            valid = valid && end < re.length() && re.charAt(end) == '}';
            if (!valid) {
                out.append("\\{");
                pos++;
                return;
            }
            out.append(re, pos, end + 1);
            pos = end + 1;
            afterQuantifier();
        }

        private void group() {
            if (!re.startsWith("(?", pos)) {
                enclosingUngreedy.push(ungreedy);
                out.append('(');
                pos++;
                groups++;
                return;
            }
            if (re.startsWith("(?P<", pos)
                    || (re.startsWith("(?<", pos) && !re.startsWith("(?<=", pos) && !re.startsWith("(?<!", pos))) {
                int nameStart = re.indexOf('<', pos) + 1;
                int nameEnd = re.indexOf('>', nameStart);
                if (nameEnd < 0) {
                    throw error("unterminated group name");
                }
                String name = re.substring(nameStart, nameEnd);
                if (name.isEmpty() || !name.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
                    throw error("invalid group name \"" + name + "\"");
                }
                groups++;
                if (groupNames.putIfAbsent(name, groups) != null) {
                    throw error("duplicate group name \"" + name + "\"");
                }
                enclosingUngreedy.push(ungreedy);
                out.append('(');
                pos = nameEnd + 1;
                return;
            }
            if (re.startsWith("(?=", pos) || re.startsWith("(?!", pos) || re.startsWith("(?<", pos)) {
                throw error("lookaround assertions are not supported");
            }
            if (re.startsWith("(?>", pos)) {
                throw error("atomic groups are not supported");
            }
            int i = pos + 2;
            StringBuilder javaFlags = new StringBuilder();
            boolean negate = false;
            Boolean setUngreedy = null;
            while (i < re.length() && re.charAt(i) != ')' && re.charAt(i) != ':') {
                char f = re.charAt(i);
                if (f == 'U') {
                    setUngreedy = !negate;
                } else if (f == 'i' || f == 'm' || f == 's' || f == '-') {
                    negate |= f == '-';
                    javaFlags.append(f);
                } else {
                    throw error("invalid or unsupported flag '" + f + "'");
                }
                i++;
            }
            if (i >= re.length()) {
                throw error("missing closing )");
            }
            boolean opensGroup = re.charAt(i) == ':';
            if (opensGroup) {
                enclosingUngreedy.push(ungreedy);
            }
            if (setUngreedy != null) {
                ungreedy = setUngreedy;
            }
            String flags = javaFlags.toString();
            if (flags.endsWith("-")) {
                flags = flags.substring(0, flags.length() - 1);
            }
            if (opensGroup || !flags.isEmpty()) {
                out.append("(?").append(flags).append(opensGroup ? ':' : ')');
            }
            pos = i + 1;
        }

        private void charClass() {
            out.append('[');
            pos++;
            if (pos < re.length() && re.charAt(pos) == '^') {
                out.append('^');
                pos++;
            }
            if (pos < re.length() && re.charAt(pos) == ']') {
                out.append("\\]");
                pos++;
            }
            while (pos < re.length()) {
                char c = re.charAt(pos);
                if (c == ']') {
                    out.append(']');
                    pos++;
                    return;
                }
                if (c == '\\') {
                    escape(true);
                } else if (c == '[') {
                    if (re.startsWith("[:", pos)) {
                        posixClass();
                    } else {
                        out.append("\\[");
                        pos++;
                    }
                } else if (c == '&') {
                    out.append("\\&");
                    pos++;
                } else {
                    out.append(c);
                    pos++;
                }
            }
            throw error("missing closing ]");
        }

        private void posixClass() {
            int end = re.indexOf(":]", pos + 2);
            if (end < 0) {
                out.append("\\[");
                pos++;
                return;
            }
            String name = re.substring(pos + 2, end);
            boolean negated = name.startsWith("^");
            if (negated) {
                name = name.substring(1);
            }
            String java =
                    switch (name) {
                        case "alnum" -> "Alnum";
                        case "alpha" -> "Alpha";
                        case "ascii" -> "ASCII";
                        case "blank" -> "Blank";
                        case "cntrl" -> "Cntrl";
                        case "digit" -> "Digit";
                        case "graph" -> "Graph";
                        case "lower" -> "Lower";
                        case "print" -> "Print";
                        case "punct" -> "Punct";
                        case "space" -> "Space";
                        case "upper" -> "Upper";
                        case "xdigit" -> "XDigit";
                        case "word" -> "word";
                        default -> throw error("invalid character class range [:" + name + ":]");
                    };
            if (java.equals("word")) {
                out.append(negated ? "\\W" : "\\w");
            } else {
                out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
            }
            pos = end + 2;
        }

        private void escape(boolean inClass) {
            if (pos + 1 >= re.length()) {
                throw error("trailing backslash");
            }
            char c = re.charAt(pos + 1);
            switch (c) {
                case 'd', 'D', 'w', 'W', 'f', 't', 'n', 'r', 'a' -> copy(2);
                case 'b', 'B', 'A', 'z' -> {
                    if (inClass) {
                        throw error("invalid escape \\" + c + " inside a character class");
                    }
                    copy(2);
                }
                case 's' -> {
                    out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
                    pos += 2;
                }
                case 'S' -> {
                    if (inClass) {
                        copy(2);
                    } else {
                        out.append("[^\\t\\n\\f\\r ]");
                        pos += 2;
                    }
                }
                case 'v' -> {
                    out.append("\\x0B");
                    pos += 2;
                }
                case 'x' -> hexEscape();
                case 'p', 'P' -> unicodeClass(c);
                case 'Q' -> {
                    int end = re.indexOf("\\E", pos + 2);
                    int stop = end < 0 ? re.length() : end + 2;
                    String literal = re.substring(pos + 2, end < 0 ? re.length() : end);
                    out.append(Pattern.quote(literal));
                    pos = stop;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> octal(c);
                case '8', '9' -> throw error("backreferences are not supported");
                default -> {
                    if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                        copy(2);
                    } else {
                        throw error("invalid escape sequence \\" + c);
                    }
                }
            }
        }

        private void copy(int n) {
            out.append(re, pos, pos + n);
            pos += n;
        }

        private void hexEscape() {
            int start = pos;
            pos += 2;
            if (pos < re.length() && re.charAt(pos) == '{') {
                int end = re.indexOf('}', pos);
                if (end < 0) {
                    throw error("unterminated \\x{...}");
                }
                pos = end + 1;
            } else {
                if (pos + 2 > re.length()) {
                    throw error("incomplete \\x escape");
                }
                pos += 2;
            }
            out.append(re, start, pos);
        }

        private void octal(char first) {
            int start = pos + 1;
            int end = start + 1;
            while (end < re.length() && end < start + 3 && re.charAt(end) >= '0' && re.charAt(end) <= '7') {
                end++;
            }
            if (first != '0' && end == start + 1) {
                throw error("backreferences are not supported");
            }
            int code = Integer.parseInt(re.substring(start, end), 8);
            out.append("\\x{").append(Integer.toHexString(code)).append('}');
            pos = end;
        }

        private void unicodeClass(char p) {
            int start = pos + 2;
            if (start >= re.length()) {
                throw error("incomplete \\" + p);
            }
            String name;
            int next;
            if (re.charAt(start) == '{') {
                int end = re.indexOf('}', start);
                if (end < 0) {
                    throw error("unterminated \\" + p + "{...}");
                }
                name = re.substring(start + 1, end);
                next = end + 1;
            } else {
                name = String.valueOf(re.charAt(start));
                next = start + 1;
            }
            boolean negated = p == 'P';
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String java = name.length() <= 2 ? name : "Is" + name;
            if (name.equals("Any")) {
                out.append(negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]");
            } else {
                out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
            }
            pos = next;
        }
    }
}
