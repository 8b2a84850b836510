package dev.vigil.promql.parser;

import org.antlr.v4.runtime.Token;

/** Describes a token the way Prometheus's parser names items in "unexpected ..." messages. */
final class TokenDescriptions {
    private TokenDescriptions() {}

    static String describe(Token token) {
        String text = token.getText();
        switch (token.getType()) {
            case Token.EOF:
                return "end of input";
            case PromQLParser.IDENTIFIER:
                return "identifier " + Literals.quote(text);
            case PromQLParser.METRIC_IDENTIFIER:
                return "metric identifier " + Literals.quote(text);
            case PromQLParser.STRING:
                return "string " + abbreviatedQuote(text);
            case PromQLParser.NUMBER:
            case PromQLParser.INF:
            case PromQLParser.NAN:
                return "number " + Literals.quote(text);
            case PromQLParser.DURATION:
                return "duration " + Literals.quote(text);
            case PromQLParser.BY:
            case PromQLParser.WITHOUT:
            case PromQLParser.ON:
            case PromQLParser.IGNORING:
            case PromQLParser.GROUP_LEFT:
            case PromQLParser.GROUP_RIGHT:
            case PromQLParser.BOOL:
            case PromQLParser.OFFSET:
            case PromQLParser.ANCHORED:
            case PromQLParser.SMOOTHED:
            case PromQLParser.FILL:
            case PromQLParser.FILL_LEFT:
            case PromQLParser.FILL_RIGHT:
                return "<" + text + ">";
            case PromQLParser.SUM:
            case PromQLParser.AVG:
            case PromQLParser.COUNT:
            case PromQLParser.MIN:
            case PromQLParser.MAX:
            case PromQLParser.GROUP:
            case PromQLParser.STDDEV:
            case PromQLParser.STDVAR:
            case PromQLParser.TOPK:
            case PromQLParser.BOTTOMK:
            case PromQLParser.COUNT_VALUES:
            case PromQLParser.QUANTILE:
            case PromQLParser.LIMITK:
            case PromQLParser.LIMIT_RATIO:
                return "<aggr:" + text + ">";
            case PromQLParser.ADD:
            case PromQLParser.SUB:
            case PromQLParser.MUL:
            case PromQLParser.DIV:
            case PromQLParser.MOD:
            case PromQLParser.POW:
            case PromQLParser.EQLC:
            case PromQLParser.NEQ:
            case PromQLParser.LTE:
            case PromQLParser.LSS:
            case PromQLParser.GTE:
            case PromQLParser.GTR:
            case PromQLParser.TRIM_UPPER:
            case PromQLParser.TRIM_LOWER:
            case PromQLParser.EQL_REGEX:
            case PromQLParser.NEQ_REGEX:
            case PromQLParser.AT:
            case PromQLParser.LAND:
            case PromQLParser.LOR:
            case PromQLParser.LUNLESS:
            case PromQLParser.ATAN2:
                return "<op:" + text + ">";
            default:
                // Punctuation and the start()/end() keywords: Prometheus prints them quoted.
                return Literals.quote(text);
        }
    }

    /** Go's {@code %.10q...} for long strings. */
    private static String abbreviatedQuote(String text) {
        if (text.length() <= 10) {
            return Literals.quote(text);
        }
        return Literals.quote(text.substring(0, 10)) + "...";
    }
}
