package dev.vigil.config.notifications;

import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Alertmanager's matcher syntax: {@code foo="bar"}, {@code foo=~"a|b"}, {@code foo!=bar} (values may be
 * unquoted), several separated by commas and optionally enclosed in braces ({@code {a="1", b!~"x.*"}}). Label names
 * may be double-quoted to allow any characters. Regexes are anchored, as everywhere in Alertmanager. Stateless.
 */
public final class AlertmanagerMatchers {
    private AlertmanagerMatchers() {}

    /**
     * Parses one matcher string into one or more matchers.
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static List<Matcher> parse(String input) {
        String text = input.strip();
        if (text.startsWith("{")) {
            if (!text.endsWith("}")) {
                throw bad(input, "missing closing '}'");
            }
            text = text.substring(1, text.length() - 1);
        } else if (text.endsWith("}")) {
            throw bad(input, "missing opening '{'");
        }
        List<Matcher> matchers = new ArrayList<>();
        Cursor c = new Cursor(text);
        c.skipSpace();
        while (!c.atEnd()) {
            matchers.add(matcher(input, c));
            c.skipSpace();
            if (c.atEnd()) {
                break;
            }
            if (c.peek() != ',') {
                throw bad(input, "expected ',' or end after matcher at position " + (c.pos + 1));
            }
            c.pos++;
            c.skipSpace();
        }
        if (matchers.isEmpty()) {
            throw bad(input, "no matchers");
        }
        return List.copyOf(matchers);
    }

    private static Matcher matcher(String input, Cursor c) {
        String name;
        if (c.peek() == '"') {
            name = c.quoted(input);
        } else {
            int start = c.pos;
            while (!c.atEnd() && (Character.isLetterOrDigit(c.peek()) || c.peek() == '_' || c.peek() == ':')) {
                c.pos++;
            }
            name = c.text.substring(start, c.pos);
            if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
                throw bad(input, "invalid label name at position " + (start + 1));
            }
        }
        c.skipSpace();
        MatchType type;
        if (c.text.startsWith("=~", c.pos)) {
            type = MatchType.REGEX;
        } else if (c.text.startsWith("!~", c.pos)) {
            type = MatchType.NOT_REGEX;
        } else if (c.text.startsWith("!=", c.pos)) {
            type = MatchType.NOT_EQUAL;
        } else if (c.text.startsWith("=", c.pos)) {
            type = MatchType.EQUAL;
        } else {
            throw bad(input, "expected an operator (=, !=, =~, !~) after \"" + name + "\"");
        }
        c.pos += type.symbol().length();
        c.skipSpace();
        String value;
        if (!c.atEnd() && c.peek() == '"') {
            value = c.quoted(input);
        } else {
            int start = c.pos;
            while (!c.atEnd() && c.peek() != ',') {
                if (c.peek() == '"') {
                    throw bad(input, "unexpected '\"' inside an unquoted value");
                }
                c.pos++;
            }
            value = c.text.substring(start, c.pos).strip();
        }
        try {
            return Matcher.of(type, name, value);
        } catch (IllegalArgumentException e) {
            throw bad(input, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String input, String why) {
        return new IllegalArgumentException("bad matcher format \"" + input + "\": " + why);
    }

    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        void skipSpace() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        String quoted(String input) {
            StringBuilder out = new StringBuilder();
            pos++;
            while (true) {
                if (atEnd()) {
                    throw bad(input, "unterminated quoted string");
                }
                char ch = text.charAt(pos++);
                if (ch == '"') {
                    return out.toString();
                }
                if (ch == '\\') {
                    if (atEnd()) {
                        throw bad(input, "unterminated escape");
                    }
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case '\\', '"' -> out.append(e);
                        default -> out.append('\\').append(e);
                    }
                } else {
                    out.append(ch);
                }
            }
        }
    }
}
