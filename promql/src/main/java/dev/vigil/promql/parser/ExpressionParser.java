package dev.vigil.promql.parser;

import dev.vigil.promql.ast.Expr;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
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
        PromQLParser.ExpressionContext tree = syntaxTree(source);
        Expr expr = new AstBuilder(source, options).build(tree);
        new TypeChecker(source).check(expr);
        return expr;
    }

    /**
     * Tries ANTLR's fast SLL prediction first and only falls back to full LL, with error reporting, when SLL
     * cannot decide; both accept the same language.
     */
    private static PromQLParser.ExpressionContext syntaxTree(SourceText source) {
        PromQLLexer lexer = new PromQLLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(new SyntaxErrorListener(source));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        PromQLParser parser = new PromQLParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.expression();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(new SyntaxErrorListener(source));
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            return parser.expression();
        }
    }
}
