package dev.vigil.alerting.template;

import dev.vigil.model.labels.PromRegex;
import dev.vigil.model.text.UrlEscaping;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go standard-library string helpers that template functions are defined by. Stateless. */
final class GoStrings {
    private static final Pattern GO_FLOAT =
            Pattern.compile("[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");

    private GoStrings() {}

    /** Converts a number or numeric string to float64 as Prometheus's template functions do. */
    static double toFloat(Object v) throws TemplateException {
        v = GoValues.normalize(v);
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof String s) {
            if (!GO_FLOAT.matcher(s).matches()) {
                throw new TemplateException("strconv.ParseFloat: parsing " + GoFormat.quote(s) + ": invalid syntax");
            }
            String lower = s.toLowerCase();
            if (lower.endsWith("nan")) {
                return Double.NaN;
            }
            if (lower.endsWith("inf") || lower.endsWith("infinity")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.parseDouble(s);
        }
        throw new TemplateException("can't convert " + GoValues.typeName(v) + " to float");
    }

    /** Go's deprecated {@code strings.Title}: upper-cases the first letter of each word. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int previous = ' ';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            out.appendCodePoint(isSeparator(previous) ? Character.toTitleCase(cp) : cp);
            previous = cp;
        }
        return out.toString();
    }

    private static boolean isSeparator(int cp) {
        if (cp <= 0x7F) {
            return !(Character.isLetterOrDigit(cp) || cp == '_');
        }
        if (Character.isLetterOrDigit(cp)) {
            return false;
        }
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Go's {@code url.QueryEscape}. */
    static String queryEscape(String s) {
        return UrlEscaping.queryEscape(s);
    }

    /** Go's {@code net.SplitHostPort}; null when {@code hostPort} has no valid port separator. */
    static String[] splitHostPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || close + 1 != colon) {
                return null;
            }
            host = hostPort.substring(1, close);
        } else {
            host = hostPort.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        return new String[] {host, hostPort.substring(colon + 1)};
    }

    static String joinHostPort(String host, String port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    static boolean isIpAddress(String host) {
        if (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return host.indexOf(':') >= 0 && host.matches("[0-9a-fA-F:.]+");
    }

    /** Compiles an RE2 pattern (named groups {@code (?P<name>...)} included) for unanchored use. */
    static PromRegex regex(String pattern) throws TemplateException {
        try {
            return PromRegex.compile(pattern);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("error parsing regexp: " + e.getMessage());
        }
    }

    /**
     * Go's {@code Regexp.ReplaceAllString}: in the replacement, {@code $1}, {@code ${1}}, {@code $name} and
     * {@code ${name}} insert groups (a name is the longest run of letters, digits and underscores; an unknown group
     * inserts nothing) and {@code $$} is a literal dollar.
     */
    static String replaceAll(PromRegex regex, String replacement, String text) {
        Matcher m = regex.pattern().matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int previousEnd = -1;
        while (m.find()) {
            // Go ignores an empty match right after the previous match.
            if (m.start() == m.end() && m.start() == previousEnd) {
                continue;
            }
            out.append(text, last, m.start());
            expand(m, regex.groupNames(), replacement, out);
            last = m.end();
            previousEnd = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static void expand(Matcher m, Map<String, Integer> names, String template, StringBuilder out) {
        for (int i = 0; i < template.length(); ) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0 || !isName(template.substring(i + 2, close))) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < template.length()
                        && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, end);
            }
            out.append(group(m, names, name));
            i = end;
        }
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
    }

    private static String group(Matcher m, Map<String, Integer> names, String name) {
        int index;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                index = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return "";
            }
        } else {
            index = names.getOrDefault(name, -1);
        }
        if (index < 0 || index > m.groupCount()) {
            return "";
        }
        String value = m.group(index);
        return value == null ? "" : value;
    }
}
