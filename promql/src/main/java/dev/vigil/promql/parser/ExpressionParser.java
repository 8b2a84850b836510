package dev.vigil.promql.parser;

import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.VectorSelector;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses PromQL query text into a type-checked AST.
 *
 * <pre>{@code
 * Expr e = ExpressionParser.parse("sum by (job) (rate(http_requests_total[5m]))");
 * }</pre>
 *
 * Errors are thrown as {@link ParseException} carrying Prometheus's position and wording. Stateless; safe to call
 * from any number of threads.
 */
public final class ExpressionParser {
    private ExpressionParser() {}

    /** Parses with Prometheus's default features ({@link ParserOptions#DEFAULT}). */
    public static Expr parse(String query) {
        return parse(query, ParserOptions.DEFAULT);
    }

    /**
     * Parses and type-checks {@code query}.
     *
     * @throws ParseException if the query is malformed or does not type-check
     */
    public static Expr parse(String query, ParserOptions options) {
        SourceText source = new SourceText(query);
        PromQLParser.ExpressionContext tree = syntaxTree(source, PromQLParser::expression);
        Expr expr = new AstBuilder(source, options).build(tree);
        new TypeChecker(source).check(expr);
        return expr;
    }

    /**
     * Parses a bare series selector such as {@code up{job="api"}} or {@code {__name__=~"a|b"}}, the form of the HTTP
     * API's {@code match[]} parameters and Prometheus's {@code ParseMetricSelector}: no modifiers, ranges or
     * operators. Unlike {@link #parse}, a selector without a non-empty matcher (e.g. {@code {}}) is accepted; the
     * caller decides whether that is allowed.
     *
     * @throws ParseException if the text is not a series selector
     */
    public static VectorSelector parseMetricSelector(String selector) {
        SourceText source = new SourceText(selector);
        PromQLParser.MetricSelectorContext tree = syntaxTree(source, PromQLParser::metricSelector);
        return new AstBuilder(source, ParserOptions.DEFAULT).buildMetricSelector(tree);
    }

    /**
     * Tries ANTLR's fast SLL prediction first and only falls back to full LL, with error reporting, when SLL
     * cannot decide; both accept the same language.
     */
    private static <T extends ParserRuleContext> T syntaxTree(SourceText source, Function<PromQLParser, T> rule) {
        PromQLLexer lexer = new PromQLLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new SyntaxErrorListener(source));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        PromQLParser parser = new PromQLParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(new SyntaxErrorListener(source));
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            return rule.apply(parser);
        }
    }
}
