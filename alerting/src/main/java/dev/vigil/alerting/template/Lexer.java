package dev.vigil.alerting.template;

import dev.vigil.alerting.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits template text into tokens. Text outside actions is kept verbatim except where a trim marker ({@code {{- }}
 * or {@code -}}}) removes the adjacent whitespace; comments ({@code {{/* ... *}{@code /}}}) vanish. Stateless apart
 * from the position; one lexer per parse.
 */
final class Lexer {
    static final Set<String> KEYWORDS =
            Set.of("if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

    private final String name;
    private final String src;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String name, String src) {
        this.name = name;
        this.src = src;
    }

    static List<Token> lex(String name, String src) throws TemplateException {
        Lexer lexer = new Lexer(name, src);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws TemplateException {
        boolean trimNextText = false;
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            int textEnd = open < 0 ? src.length() : open;
            boolean trimBefore = open >= 0 && isTrimMarker(open + 2);
            String text = src.substring(pos, textEnd);
            if (trimNextText) {
                text = stripLeading(text);
            }
            if (trimBefore) {
                text = stripTrailing(text);
            }
            if (!text.isEmpty()) {
                tokens.add(new Token(Kind.TEXT, text, pos));
            }
            if (open < 0) {
                pos = src.length();
                break;
            }
            pos = open + 2 + (trimBefore ? 2 : 0);
            trimNextText = lexAction(open);
        }
        tokens.add(new Token(Kind.EOF, "", src.length()));
    }

    private boolean isTrimMarker(int at) {
        return at + 1 < src.length() && src.charAt(at) == '-' && isSpace(src.charAt(at + 1));
    }

    /** Lexes one action starting after its left delimiter; returns whether it ended with a trim marker. */
    private boolean lexAction(int open) throws TemplateException {
        int afterSpace = skipSpace(pos);
        if (src.startsWith("/*", afterSpace)) {
            int close = src.indexOf("*/", afterSpace + 2);
            if (close < 0) {
                throw error(open, "unclosed comment");
            }
            int after = close + 2;
            int next = skipSpace(after);
            if (next > after && src.startsWith("-}}", next)) {
                pos = next + 3;
                return true;
            }
            if (!src.startsWith("}}", after)) {
                throw error(open, "comment ends before closing delimiter");
            }
            pos = after + 2;
            return false;
        }
        tokens.add(new Token(Kind.LEFT_DELIM, "{{", open));
        int parenDepth = 0;
        while (true) {
            if (pos >= src.length()) {
                throw error(open, "unclosed action");
            }
            char c = src.charAt(pos);
            if (isSpace(c)) {
                int next = skipSpace(pos);
                if (src.startsWith("-}}", next)) {
                    tokens.add(new Token(Kind.RIGHT_DELIM, "}}", next));
                    pos = next + 3;
                    return true;
                }
                pos = next;
                continue;
            }
            if (src.startsWith("}}", pos)) {
                if (parenDepth > 0) {
                    throw error(pos, "unclosed left paren");
                }
                tokens.add(new Token(Kind.RIGHT_DELIM, "}}", pos));
                pos += 2;
                return false;
            }
            int start = pos;
            switch (c) {
                case '|' -> single(Kind.PIPE);
                case '(' -> {
                    parenDepth++;
                    single(Kind.LEFT_PAREN);
                }
                case ')' -> {
                    if (--parenDepth < 0) {
                        throw error(pos, "unexpected right paren");
                    }
                    single(Kind.RIGHT_PAREN);
                }
                case ',' -> single(Kind.COMMA);
                case '=' -> single(Kind.ASSIGN);
                case ':' -> {
                    if (!src.startsWith(":=", pos)) {
                        throw error(pos, "expected :=");
                    }
                    pos += 2;
                    tokens.add(new Token(Kind.DECLARE, ":=", start));
                }
                case '"' -> quoted(Kind.STRING, '"');
                case '`' -> rawString();
                case '\'' -> quoted(Kind.CHAR, '\'');
                case '$' -> {
                    pos++;
                    scanWord();
                    tokens.add(new Token(Kind.VARIABLE, src.substring(start, pos), start));
                }
                case '.' -> {
                    if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                        number();
                    } else if (pos + 1 < src.length() && isWordChar(src.charAt(pos + 1))) {
                        pos++;
                        scanWord();
                        tokens.add(new Token(Kind.FIELD, src.substring(start + 1, pos), start));
                    } else {
                        single(Kind.DOT);
                    }
                }
                default -> {
                    if (c == '+' || c == '-' || Character.isDigit(c)) {
                        number();
                    } else if (isWordChar(c)) {
                        scanWord();
                        String word = src.substring(start, pos);
                        Kind kind = KEYWORDS.contains(word)
                                ? Kind.KEYWORD
                                : word.equals("true") || word.equals("false")
                                        ? Kind.BOOL
                                        : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER;
                        tokens.add(new Token(kind, word, start));
                    } else {
                        throw error(pos, "unrecognized character in action: " + GoFormat.quoteRune(c));
                    }
                }
            }
        }
    }

    private void single(Kind kind) {
        tokens.add(new Token(kind, String.valueOf(src.charAt(pos)), pos));
        pos++;
    }

    private void scanWord() {
        while (pos < src.length() && isWordChar(src.charAt(pos))) {
            pos++;
        }
    }

    private void number() throws TemplateException {
        int start = pos;
        if (src.charAt(pos) == '+' || src.charAt(pos) == '-') {
            pos++;
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-')
                    && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                    && !src.substring(start, pos).toLowerCase().startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        if (text.equals("+") || text.equals("-")) {
            throw error(start, "bad number syntax: \"" + text + "\"");
        }
        tokens.add(new Token(Kind.NUMBER, text, start));
    }

    private void quoted(Kind kind, char quote) throws TemplateException {
        int start = pos;
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(
                        start, kind == Kind.CHAR ? "unterminated character constant" : "unterminated quoted string");
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == quote) {
                break;
            }
        }
        tokens.add(new Token(kind, src.substring(start, pos), start));
    }

    private void rawString() throws TemplateException {
        int start = pos;
        int close = src.indexOf('`', pos + 1);
        if (close < 0) {
            throw error(start, "unterminated raw quoted string");
        }
        pos = close + 1;
        tokens.add(new Token(Kind.RAW_STRING, src.substring(start, pos), start));
    }

    private int skipSpace(int from) {
        int p = from;
        while (p < src.length() && isSpace(src.charAt(p))) {
            p++;
        }
        return p;
    }

    private TemplateException error(int at, String message) {
        return new TemplateException("template: " + name + ":" + lineOf(src, at) + ": " + message);
    }

    static int lineOf(String src, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 0-based byte column, as Go's template errors print it. */
    static int columnOf(String src, int offset) {
        int newline = offset == 0 ? -1 : src.lastIndexOf('\n', offset - 1);
        return offset - (newline + 1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isWordChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
