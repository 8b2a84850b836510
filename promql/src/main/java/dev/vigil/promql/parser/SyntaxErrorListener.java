package dev.vigil.promql.parser;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * Turns the first ANTLR syntax error into a {@link ParseException} worded like Prometheus's ("unexpected end of
 * input", "unclosed left parenthesis", "unexpected character: '@'", "unexpected identifier "x" in label matching,
 * expected string"). ANTLR's own message text is never shown.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private final SourceText source;

    SyntaxErrorListener(SourceText source) {
        this.source = source;
    }

    @Override
    public void syntaxError(
            Recognizer<?, ?> recognizer,
            Object offendingSymbol,
            int line,
            int charPositionInLine,
            String antlrMessage,
            RecognitionException e) {
        if (!(recognizer instanceof Parser) || !(offendingSymbol instanceof Token)) {
            // The lexer tokenizes every character, so it cannot fail; keep a clear message regardless.
            throw source.error(0, "unexpected character");
        }
        Parser parser = (Parser) recognizer;
        Token token = (Token) offendingSymbol;
        Nesting nesting = Nesting.before(parser.getInputStream(), token.getTokenIndex());
        int offset = source.charOffset(token.getStartIndex());
        throw lexicalError(token, nesting, offset, parser);
    }

    private ParseException lexicalError(Token token, Nesting nesting, int offset, Parser parser) {
        String text = token.getText();
        switch (token.getType()) {
            case PromQLParser.BAD_NUMBER:
                return source.error(
                        offset, "bad number or duration syntax: " + Literals.quote(Literals.badNumberPrefix(text)));
            case PromQLParser.UNTERMINATED_STRING:
                return source.error(offset, "unterminated quoted string");
            case PromQLParser.UNTERMINATED_RAW_STRING:
                return source.error(offset, "unterminated raw string");
            case PromQLParser.UNEXPECTED_CHAR:
                return source.error(
                        offset,
                        (nesting.braces ? "unexpected character inside braces: " : "unexpected character: ")
                                + goRune(text));
            case Token.EOF:
                if (nesting.parens > 0) {
                    return source.error(offset, "unclosed left parenthesis");
                }
                if (nesting.braces) {
                    return source.error(offset, "unexpected end of input inside braces");
                }
                if (nesting.brackets) {
                    return source.error(offset, "unexpected end of input in duration expression");
                }
                break;
            case PromQLParser.RIGHT_PAREN:
                if (nesting.parens == 0) {
                    // Prometheus reports a stray ')' just after it: its lexer has emitted the token before it checks.
                    return source.error(offset + 1, "unexpected right parenthesis ')'");
                }
                break;
            case PromQLParser.RIGHT_BRACE:
                if (!nesting.braces) {
                    return source.error(offset, "unexpected character: '}'");
                }
                break;
            case PromQLParser.RIGHT_BRACKET:
                if (!nesting.brackets) {
                    return source.error(offset, "unexpected right bracket ']'");
                }
                break;
            case PromQLParser.LEFT_BRACE:
                if (nesting.braces) {
                    return source.error(offset, "unexpected left brace '{'");
                }
                break;
            case PromQLParser.LEFT_BRACKET:
                if (nesting.brackets) {
                    return source.error(offset, "unexpected left bracket '['");
                }
                break;
            case PromQLParser.EQL_REGEX:
            case PromQLParser.NEQ_REGEX:
                if (!nesting.braces) {
                    return source.error(offset, "unexpected character after '" + text.charAt(0) + "': '~'");
                }
                break;
            case PromQLParser.METRIC_IDENTIFIER:
                if (nesting.braces) {
                    return source.error(offset + text.indexOf(':'), "unexpected character inside braces: ':'");
                }
                break;
            case PromQLParser.EQLC:
                if (nesting.braces) {
                    // Prometheus lexes "==" inside braces as two "=" and stumbles over the second.
                    return source.error(offset + 1, "unexpected \"=\" in label matching, expected string");
                }
                break;
            case PromQLParser.STRING:
            case PromQLParser.IDENTIFIER:
                if (nesting.brackets) {
                    return source.error(offset, "unexpected character in duration expression: " + goRune(text));
                }
                break;
            default:
                if (nesting.braces && !allowedInsideBraces(token.getType())) {
                    return source.error(offset, "unexpected character inside braces: " + goRune(text));
                }
                break;
        }
        return source.error(offset, unexpected(token, parser));
    }

    /** Label names (identifiers and keywords), strings, matching operators and commas. */
    private static boolean allowedInsideBraces(int type) {
        switch (type) {
            case PromQLParser.STRING:
            case PromQLParser.COMMA:
            case PromQLParser.EQL:
            case PromQLParser.NEQ:
            case PromQLParser.EQL_REGEX:
            case PromQLParser.NEQ_REGEX:
            case PromQLParser.RIGHT_BRACE:
                return true;
            default:
                return isLabelNameToken(type);
        }
    }

    /** Identifiers and every keyword: inside braces Prometheus reads them all as label names. */
    static boolean isLabelNameToken(int type) {
        // The grammar declares all keyword tokens in one block, from LAND to NAN.
        return type == PromQLParser.IDENTIFIER || (type >= PromQLParser.LAND && type <= PromQLParser.NAN);
    }

    private static String unexpected(Token token, Parser parser) {
        StringBuilder msg = new StringBuilder("unexpected ").append(TokenDescriptions.describe(token));
        Token previous = previous(parser.getInputStream(), token);
        Token beforePrevious = previous == null ? null : previous(parser.getInputStream(), previous);
        ErrorContext context = ErrorContext.of(parser.getContext(), previous, beforePrevious);
        if (context != null) {
            msg.append(" in ").append(context.name);
            if (context.expected != null) {
                msg.append(", expected ").append(context.expected);
            }
        }
        return msg.toString();
    }

    private static Token previous(TokenStream tokens, Token token) {
        int index = token.getTokenIndex() - 1;
        while (index >= 0 && tokens.get(index).getChannel() != Token.DEFAULT_CHANNEL) {
            index--;
        }
        return index >= 0 ? tokens.get(index) : null;
    }

    /** Go's {@code %q} of a single rune: {@code '@'}. */
    private static String goRune(String text) {
        int cp = text.codePointAt(0);
        if (cp == '\'') {
            return "'\\''";
        }
        if (cp == '"') {
            return "'\"'";
        }
        String quoted = dev.vigil.promql.ast.Printer.quote(new String(Character.toChars(cp)));
        return "'" + quoted.substring(1, quoted.length() - 1) + "'";
    }

    /** Which brackets are open just before a token. */
    private static final class Nesting {
        int parens;
        boolean braces;
        boolean brackets;

        static Nesting before(TokenStream tokens, int tokenIndex) {
            Nesting n = new Nesting();
            for (int i = 0; i < tokenIndex; i++) {
                switch (tokens.get(i).getType()) {
                    case PromQLParser.LEFT_PAREN:
                        n.parens++;
                        break;
                    case PromQLParser.RIGHT_PAREN:
                        n.parens = Math.max(0, n.parens - 1);
                        break;
                    case PromQLParser.LEFT_BRACE:
                        n.braces = true;
                        break;
                    case PromQLParser.RIGHT_BRACE:
                        n.braces = false;
                        break;
                    case PromQLParser.LEFT_BRACKET:
                        n.brackets = true;
                        break;
                    case PromQLParser.RIGHT_BRACKET:
                        n.brackets = false;
                        break;
                    default:
                        break;
                }
            }
            return n;
        }
    }

    /** The "in ..., expected ..." part of Prometheus's messages, chosen from the rule being parsed. */
    private static final class ErrorContext {
        final String name;
        final String expected;

        private ErrorContext(String name, String expected) {
            this.name = name;
            this.expected = expected;
        }

        static ErrorContext of(ParserRuleContext ctx, Token previous, Token beforePrevious) {
            int beforePreviousType = beforePrevious == null ? Token.INVALID_TYPE : beforePrevious.getType();
            int prevType = previous == null ? Token.INVALID_TYPE : previous.getType();
            for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
                switch (c.getRuleIndex()) {
                    case PromQLParser.RULE_labelMatchers:
                    case PromQLParser.RULE_labelMatcher:
                    case PromQLParser.RULE_matchOp:
                        return labelMatching(prevType, beforePreviousType);
                    case PromQLParser.RULE_grouping:
                    case PromQLParser.RULE_labelList:
                    case PromQLParser.RULE_groupingLabel:
                        return grouping(prevType);
                    case PromQLParser.RULE_atValue:
                        return new ErrorContext("@", "timestamp");
                    case PromQLParser.RULE_offsetDuration:
                        return OFFSET;
                    case PromQLParser.RULE_durationExpr:
                    case PromQLParser.RULE_durationCall:
                        return duration(c, prevType);
                    case PromQLParser.RULE_expr:
                        return expression(c, prevType);
                    default:
                        break;
                }
            }
            return null;
        }

        private static ErrorContext labelMatching(int prevType, int beforePreviousType) {
            switch (prevType) {
                case PromQLParser.EQL:
                case PromQLParser.NEQ:
                case PromQLParser.EQL_REGEX:
                case PromQLParser.NEQ_REGEX:
                    return new ErrorContext("label matching", "string");
                case PromQLParser.LEFT_BRACE:
                case PromQLParser.COMMA:
                    return new ErrorContext("label matching", "identifier or \"}\"");
                case PromQLParser.STRING:
                    return new ErrorContext("label matching", "\",\" or \"}\"");
                default:
                    boolean startsMatcher =
                            beforePreviousType == PromQLParser.LEFT_BRACE || beforePreviousType == PromQLParser.COMMA;
                    if (startsMatcher && isLabelNameToken(prevType)) {
                        return new ErrorContext("label matching", "label matching operator");
                    }
                    return new ErrorContext("label matching", "\",\" or \"}\"");
            }
        }

        private static ErrorContext grouping(int prevType) {
            switch (prevType) {
                case PromQLParser.BY:
                case PromQLParser.WITHOUT:
                    return new ErrorContext("grouping opts", "\"(\"");
                case PromQLParser.LEFT_PAREN:
                case PromQLParser.COMMA:
                    return new ErrorContext("grouping opts", "label");
                default:
                    return new ErrorContext("grouping opts", "\",\" or \")\"");
            }
        }

        private static final String DURATION_START = "number, duration, step(), or range()";
        private static final ErrorContext OFFSET = new ErrorContext("offset", DURATION_START);
        private static final ErrorContext RANGE_START = new ErrorContext("subquery or range selector", DURATION_START);
        private static final ErrorContext STEP_START =
                new ErrorContext("subquery selector", "number, duration, step(), range(), or \"]\"");

        private static ErrorContext duration(ParserRuleContext c, int prevType) {
            for (ParserRuleContext p = c; p != null; p = p.getParent()) {
                if (p instanceof PromQLParser.OffsetDurationContext) {
                    return OFFSET;
                }
                if (p instanceof PromQLParser.RangeSuffixContext || p instanceof PromQLParser.SubquerySuffixContext) {
                    break;
                }
            }
            switch (prevType) {
                case PromQLParser.LEFT_BRACKET:
                    return RANGE_START;
                case PromQLParser.COLON:
                    return STEP_START;
                default:
                    return new ErrorContext("subquery or range", "\":\" or \"]\"");
            }
        }

        private static ErrorContext expression(ParserRuleContext c, int prevType) {
            switch (prevType) {
                case PromQLParser.OFFSET:
                    return OFFSET;
                case PromQLParser.AT:
                    return new ErrorContext("@", "timestamp");
                case PromQLParser.LEFT_BRACKET:
                    return RANGE_START;
                case PromQLParser.COLON:
                    return STEP_START;
                case PromQLParser.DURATION:
                case PromQLParser.NUMBER:
                    if (c instanceof PromQLParser.RangeSuffixContext
                            || c instanceof PromQLParser.SubquerySuffixContext) {
                        return new ErrorContext("subquery or range", "\":\" or \"]\"");
                    }
                    return null;
                default:
                    if (c instanceof PromQLParser.AggregateContext) {
                        return new ErrorContext("aggregation", null);
                    }
                    return null;
            }
        }
    }
}
