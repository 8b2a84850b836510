package dev.vigil.alerting.template;

/** One lexical token of a template; {@code pos} is the offset in the source text. */
record Token(Kind kind, String text, int pos) {
    enum Kind {
        TEXT,
        LEFT_DELIM,
        RIGHT_DELIM,
        IDENTIFIER,
        KEYWORD,
        FIELD,
        VARIABLE,
        DOT,
        STRING,
        RAW_STRING,
        CHAR,
        NUMBER,
        BOOL,
        NIL,
        PIPE,
        LEFT_PAREN,
        RIGHT_PAREN,
        DECLARE,
        ASSIGN,
        COMMA,
        EOF
    }
}
