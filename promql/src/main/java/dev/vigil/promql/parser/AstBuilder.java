package dev.vigil.promql.parser;

import dev.vigil.model.labels.PromRegex;
import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AggregateOp;
import dev.vigil.promql.ast.AtModifier;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.BinaryOp;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Cardinality;
import dev.vigil.promql.ast.DurationArithmetic;
import dev.vigil.promql.ast.DurationExpr;
import dev.vigil.promql.ast.DurationFunction;
import dev.vigil.promql.ast.DurationLiteral;
import dev.vigil.promql.ast.DurationNegation;
import dev.vigil.promql.ast.DurationParen;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.FunctionSignature;
import dev.vigil.promql.ast.Functions;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatchType;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.PositionRange;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorMatching;
import dev.vigil.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the AST from ANTLR's parse tree and reports the structural errors Prometheus reports while parsing:
 * modifier placement, duration ranges, bad literals, invalid regexes, unknown functions, aggregation arity. Type
 * rules are left to {@link TypeChecker}. One instance per parse; not thread-safe.
 */
final class AstBuilder extends PromQLBaseVisitor<Expr> {
    private static final String PRECEDED_BY =
            " must be preceded by an instant vector selector or range vector selector or a subquery";

    private final SourceText source;
    private final ParserOptions options;

    AstBuilder(SourceText source, ParserOptions options) {
        this.source = source;
        this.options = options;
    }

    Expr build(PromQLParser.ExpressionContext tree) {
        if (tree.expr() == null) {
            throw source.error(0, "no expression found in input");
        }
        return visit(tree.expr());
    }

    // ---- postfix modifiers -------------------------------------------------------------------

    @Override
    public Expr visitRangeSuffix(PromQLParser.RangeSuffixContext ctx) {
        Expr inner = visit(ctx.expr());
        int bracket = start(ctx.LEFT_BRACKET().getSymbol());
        if (!(inner instanceof VectorSelector)) {
            throw source.error(bracket, "ranges only allowed for vector selectors");
        }
        VectorSelector vs = (VectorSelector) inner;
        if (vs.hasOffset()) {
            throw source.error(bracket, "no offset modifiers allowed before range");
        }
        if (vs.at().isPresent()) {
            throw source.error(bracket, "no @ modifiers allowed before range");
        }
        Span range = positiveSpan(ctx.range);
        return new MatrixSelector(
                vs, range.fixed, range.expr, new PositionRange(inner.position().start(), end(ctx.stop)));
    }

    @Override
    public Expr visitSubquerySuffix(PromQLParser.SubquerySuffixContext ctx) {
        Expr inner = visit(ctx.expr());
        Span range = positiveSpan(ctx.range);
        Span step = ctx.step == null ? Span.NONE : positiveSpan(ctx.step);
        return new Subquery(
                inner,
                range.fixed,
                range.expr,
                step.fixed,
                step.expr,
                Duration.ZERO,
                null,
                AtModifier.NONE,
                new PositionRange(inner.position().start(), end(ctx.stop)));
    }

    @Override
    public Expr visitOffsetSuffix(PromQLParser.OffsetSuffixContext ctx) {
        Expr inner = visit(ctx.expr());
        Span offset = offsetSpan(ctx.offset);
        int newEnd = end(ctx.stop);
        if (inner instanceof VectorSelector) {
            VectorSelector vs = (VectorSelector) inner;
            requireNoOffset(vs.hasOffset(), inner);
            return vs.withOffset(offset.fixed, offset.expr, extend(inner, newEnd));
        }
        if (inner instanceof MatrixSelector) {
            MatrixSelector ms = (MatrixSelector) inner;
            requireNoOffset(ms.selector().hasOffset(), inner);
            VectorSelector vs = ms.selector()
                    .withOffset(offset.fixed, offset.expr, ms.selector().position());
            return ms.withSelector(vs, extend(inner, newEnd));
        }
        if (inner instanceof Subquery) {
            Subquery sq = (Subquery) inner;
            requireNoOffset(sq.hasOffset(), inner);
            return sq.withOffset(offset.fixed, offset.expr, extend(inner, newEnd));
        }
        throw source.error(inner.position().start(), "offset modifier" + PRECEDED_BY);
    }

    private void requireNoOffset(boolean alreadySet, Expr inner) {
        if (alreadySet) {
            throw source.error(inner.position().start(), "offset may not be set multiple times");
        }
    }

    @Override
    public Expr visitAtSuffix(PromQLParser.AtSuffixContext ctx) {
        Expr inner = visit(ctx.expr());
        AtModifier at = atModifier(ctx.atValue(), inner);
        int newEnd = end(ctx.stop);
        if (inner instanceof VectorSelector) {
            VectorSelector vs = (VectorSelector) inner;
            requireNoAt(vs.at(), inner);
            return vs.withAt(at, extend(inner, newEnd));
        }
        if (inner instanceof MatrixSelector) {
            MatrixSelector ms = (MatrixSelector) inner;
            requireNoAt(ms.selector().at(), inner);
            VectorSelector vs = ms.selector().withAt(at, ms.selector().position());
            return ms.withSelector(vs, extend(inner, newEnd));
        }
        if (inner instanceof Subquery) {
            Subquery sq = (Subquery) inner;
            requireNoAt(sq.at(), inner);
            return sq.withAt(at, extend(inner, newEnd));
        }
        throw source.error(inner.position().start(), "@ modifier" + PRECEDED_BY);
    }

    @Override
    public Expr visitRangeModifierSuffix(PromQLParser.RangeModifierSuffixContext ctx) {
        Expr inner = visit(ctx.expr());
        RangeModifier modifier =
                ctx.modifier.getType() == PromQLParser.ANCHORED ? RangeModifier.ANCHORED : RangeModifier.SMOOTHED;
        String name = modifier.keyword() + " modifier";
        int at = inner.position().start();
        if (!options.extendedRangeSelectors()) {
            throw source.error(at, name + " is experimental and not enabled");
        }
        int newEnd = end(ctx.stop);
        if (inner instanceof VectorSelector) {
            VectorSelector vs = (VectorSelector) inner;
            requireNoRangeModifier(vs.rangeModifier(), at);
            return vs.withRangeModifier(modifier, extend(inner, newEnd));
        }
        if (inner instanceof MatrixSelector) {
            MatrixSelector ms = (MatrixSelector) inner;
            requireNoRangeModifier(ms.selector().rangeModifier(), at);
            VectorSelector vs =
                    ms.selector().withRangeModifier(modifier, ms.selector().position());
            return new MatrixSelector(vs, ms.range(), extend(inner, newEnd));
        }
        if (inner instanceof Subquery) {
            throw source.error(at, name + " is not supported for subqueries");
        }
        throw source.error(at, name + " not implemented");
    }

    private void requireNoRangeModifier(RangeModifier existing, int at) {
        if (existing != RangeModifier.NONE) {
            throw source.error(at, "anchored and smoothed modifiers cannot be used together");
        }
    }

    private AtModifier atModifier(PromQLParser.AtValueContext ctx, Expr inner) {
        if (ctx instanceof PromQLParser.AtStartEndContext) {
            return ((PromQLParser.AtStartEndContext) ctx).START() != null ? AtModifier.START : AtModifier.END;
        }
        PromQLParser.AtTimestampContext ts = (PromQLParser.AtTimestampContext) ctx;
        double seconds = literalSeconds(ts.getStop());
        if (ts.sign != null && ts.sign.getType() == PromQLParser.SUB) {
            seconds = -seconds;
        }
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) >= Long.MAX_VALUE / 1000.0) {
            throw source.error(inner.position().start(), "timestamp out of bounds for @ modifier: " + goFloat(seconds));
        }
        return AtModifier.at(Math.round(seconds * 1000));
    }

    private void requireNoAt(AtModifier existing, Expr inner) {
        if (existing.isPresent()) {
            throw source.error(inner.position().start(), "@ <timestamp> may not be set multiple times");
        }
    }

    private static String goFloat(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%f", v);
    }

    // ---- operators ---------------------------------------------------------------------------

    @Override
    public Expr visitBinary(PromQLParser.BinaryContext ctx) {
        Expr lhs = visit(ctx.expr(0));
        Expr rhs = visit(ctx.expr(1));
        BinaryOp op = binaryOp(ctx.op);
        PromQLParser.BinModifiersContext mods = ctx.binModifiers();
        boolean returnBool = mods.BOOL() != null;
        VectorMatching matching = vectorMatching(mods, op);
        PositionRange pos = PositionRange.span(lhs.position(), rhs.position());
        if (matching.hasFill() && !options.binopFillModifiers()) {
            throw source.error(pos.start(), "binop fill modifiers are experimental and not enabled");
        }
        boolean bothVectors = lhs.type() == ValueType.INSTANT_VECTOR && rhs.type() == ValueType.INSTANT_VECTOR;
        if (!bothVectors && matching.matchingLabels().isEmpty() && !matching.hasFill()) {
            // As in Prometheus, matching only exists between two vectors; TypeChecker rejects labels otherwise.
            matching = null;
        }
        return new Binary(op, lhs, rhs, returnBool, matching, pos);
    }

    private VectorMatching vectorMatching(PromQLParser.BinModifiersContext mods, BinaryOp op) {
        Cardinality card = Cardinality.ONE_TO_ONE;
        List<String> matchingLabels = List.of();
        List<String> include = List.of();
        boolean on = false;
        if (mods.matchKind != null) {
            on = mods.matchKind.getType() == PromQLParser.ON;
            matchingLabels = labels(mods.labelList(0));
            if (mods.groupSide != null) {
                card = mods.groupSide.getType() == PromQLParser.GROUP_LEFT
                        ? Cardinality.MANY_TO_ONE
                        : Cardinality.ONE_TO_MANY;
                include = mods.labelList().size() > 1 ? labels(mods.labelList(1)) : List.of();
            }
        }
        if (op.isSetOperator() && card == Cardinality.ONE_TO_ONE) {
            card = Cardinality.MANY_TO_MANY;
        }
        PromQLParser.FillModifiersContext fill = mods.fillModifiers();
        if (fill == null) {
            return new VectorMatching(card, on, matchingLabels, include);
        }
        OptionalDouble left = fillValue(fill.both != null ? fill.both : fill.left);
        OptionalDouble right = fillValue(fill.both != null ? fill.both : fill.right);
        return new VectorMatching(card, on, matchingLabels, include, left, right);
    }

    private OptionalDouble fillValue(PromQLParser.FillValueContext ctx) {
        if (ctx == null) {
            return OptionalDouble.empty();
        }
        double v = literalSeconds(
                ctx.getChild(TerminalNode.class, ctx.getChildCount() - 2).getSymbol());
        return OptionalDouble.of(ctx.sign != null && ctx.sign.getType() == PromQLParser.SUB ? -v : v);
    }

    private static BinaryOp binaryOp(Token op) {
        switch (op.getType()) {
            case PromQLParser.ADD:
                return BinaryOp.ADD;
            case PromQLParser.SUB:
                return BinaryOp.SUB;
            case PromQLParser.MUL:
                return BinaryOp.MUL;
            case PromQLParser.DIV:
                return BinaryOp.DIV;
            case PromQLParser.MOD:
                return BinaryOp.MOD;
            case PromQLParser.POW:
                return BinaryOp.POW;
            case PromQLParser.ATAN2:
                return BinaryOp.ATAN2;
            case PromQLParser.EQLC:
                return BinaryOp.EQL;
            case PromQLParser.NEQ:
                return BinaryOp.NEQ;
            case PromQLParser.GTR:
                return BinaryOp.GTR;
            case PromQLParser.LSS:
                return BinaryOp.LSS;
            case PromQLParser.GTE:
                return BinaryOp.GTE;
            case PromQLParser.LTE:
                return BinaryOp.LTE;
            case PromQLParser.TRIM_UPPER:
                return BinaryOp.TRIM_UPPER;
            case PromQLParser.TRIM_LOWER:
                return BinaryOp.TRIM_LOWER;
            case PromQLParser.LAND:
                return BinaryOp.AND;
            case PromQLParser.LOR:
                return BinaryOp.OR;
            case PromQLParser.LUNLESS:
                return BinaryOp.UNLESS;
            default:
                throw new IllegalStateException("BUG: token " + op.getText() + " is not a binary operator");
        }
    }

    @Override
    public Expr visitUnary(PromQLParser.UnaryContext ctx) {
        Expr inner = visit(ctx.expr());
        boolean negate = ctx.op.getType() == PromQLParser.SUB;
        PositionRange pos = new PositionRange(start(ctx.op), inner.position().end());
        if (inner instanceof NumberLiteral) {
            NumberLiteral n = (NumberLiteral) inner;
            return new NumberLiteral(negate ? -n.value() : n.value(), n.duration(), pos);
        }
        return new Unary(negate, inner, pos);
    }

    // ---- aggregations and calls --------------------------------------------------------------

    @Override
    public Expr visitAggregate(PromQLParser.AggregateContext ctx) {
        AggregateOp op = AggregateOp.valueOf(ctx.aggregateOp().getText().toUpperCase(Locale.ROOT));
        PositionRange pos = range(ctx);
        if (op.experimental() && !options.experimentalFunctions()) {
            throw source.error(
                    pos.start(),
                    op.keyword() + "() is experimental and must be enabled with"
                            + " --enable-feature=promql-experimental-functions");
        }
        List<Expr> args = arguments(ctx.functionArgs());
        List<String> grouping =
                ctx.grouping() == null ? List.of() : labels(ctx.grouping().labelList());
        boolean without = ctx.grouping() != null && ctx.grouping().kind.getType() == PromQLParser.WITHOUT;
        if (args.isEmpty()) {
            throw source.error(pos.start(), "no arguments for aggregate expression provided");
        }
        int wanted = op.hasParameter() ? 2 : 1;
        if (args.size() != wanted) {
            throw source.error(
                    pos.start(),
                    "wrong number of arguments for aggregate expression provided, expected " + wanted + ", got "
                            + args.size());
        }
        Expr param = op.hasParameter() ? args.get(0) : null;
        return new Aggregate(op, args.get(wanted - 1), param, grouping, without, pos);
    }

    @Override
    public Expr visitCall(PromQLParser.CallContext ctx) {
        Token name = ctx.functionName().getStart();
        FunctionSignature function = Functions.get(name.getText())
                .orElseThrow(() ->
                        source.error(start(name), "unknown function with name " + Literals.quote(name.getText())));
        if (function.experimental() && !options.experimentalFunctions()) {
            throw source.error(start(name), "function " + Literals.quote(function.name()) + " is not enabled");
        }
        return new Call(function, arguments(ctx.functionArgs()), range(ctx));
    }

    private List<Expr> arguments(PromQLParser.FunctionArgsContext ctx) {
        if (ctx.trailingComma != null) {
            throw source.error(start(ctx.trailingComma), "trailing commas not allowed in function call args");
        }
        List<Expr> args = new ArrayList<>(ctx.expr().size());
        for (PromQLParser.ExprContext e : ctx.expr()) {
            args.add(visit(e));
        }
        return args;
    }

    private List<String> labels(PromQLParser.LabelListContext ctx) {
        List<String> labels = new ArrayList<>(ctx.groupingLabel().size());
        for (PromQLParser.GroupingLabelContext label : ctx.groupingLabel()) {
            String name = label.STRING() != null ? unquote(label.STRING().getSymbol()) : label.getText();
            if (name.isEmpty()) {
                throw source.error(start(label.getStart()), "invalid label name for grouping: \"\"");
            }
            labels.add(name);
        }
        return labels;
    }

    // ---- terminals ---------------------------------------------------------------------------

    @Override
    public Expr visitParen(PromQLParser.ParenContext ctx) {
        return new Paren(visit(ctx.expr()), range(ctx));
    }

    @Override
    public Expr visitSelector(PromQLParser.SelectorContext ctx) {
        return selector(ctx.vectorSelector());
    }

    /** A bare selector parsed by the {@code metricSelector} rule. */
    VectorSelector buildMetricSelector(PromQLParser.MetricSelectorContext tree) {
        return selector(tree.vectorSelector());
    }

    private VectorSelector selector(PromQLParser.VectorSelectorContext vs) {
        String name = vs.metricName() == null ? "" : vs.metricName().getText();
        List<LabelMatcher> matchers = new ArrayList<>();
        if (vs.labelMatchers() != null) {
            for (PromQLParser.LabelMatcherContext m : vs.labelMatchers().labelMatcher()) {
                matchers.add(labelMatcher(m));
            }
        }
        return new VectorSelector(name, matchers, Duration.ZERO, AtModifier.NONE, range(vs));
    }

    private LabelMatcher labelMatcher(PromQLParser.LabelMatcherContext ctx) {
        if (ctx.matchOp() == null) {
            // A lone quoted string inside braces is the metric name: {"my.metric"}.
            return new LabelMatcher(
                    MatchType.EQUAL,
                    LabelMatcher.METRIC_NAME,
                    unquote(ctx.STRING(0).getSymbol()));
        }
        String name = ctx.labelName() != null
                ? ctx.labelName().getText()
                : unquote(ctx.STRING(0).getSymbol());
        Token valueToken = ctx.STRING(ctx.STRING().size() - 1).getSymbol();
        String value = unquote(valueToken);
        MatchType type;
        switch (ctx.matchOp().getStart().getType()) {
            case PromQLParser.EQL:
                type = MatchType.EQUAL;
                break;
            case PromQLParser.NEQ:
                type = MatchType.NOT_EQUAL;
                break;
            case PromQLParser.EQL_REGEX:
                type = MatchType.REGEX;
                break;
            case PromQLParser.NEQ_REGEX:
                type = MatchType.NOT_REGEX;
                break;
            default:
                throw new IllegalStateException(
                        "BUG: unknown match operator " + ctx.matchOp().getText());
        }
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                PromRegex.compile(value);
            } catch (PromRegex.SyntaxError e) {
                throw source.error(start(ctx.getStart()), RegexErrors.message(value, e));
            }
        }
        return new LabelMatcher(type, name, value);
    }

    @Override
    public Expr visitNumber(PromQLParser.NumberContext ctx) {
        Token t = ctx.getStart();
        return new NumberLiteral(literalSeconds(t), t.getType() == PromQLParser.DURATION, range(ctx));
    }

    @Override
    public Expr visitString(PromQLParser.StringContext ctx) {
        return new StringLiteral(unquote(ctx.STRING().getSymbol()), range(ctx));
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** The value in seconds of a NUMBER, DURATION, INF or NAN token. */
    private double literalSeconds(Token t) {
        try {
            if (t.getType() == PromQLParser.DURATION) {
                return Literals.parseDurationMillis(t.getText()) / 1000.0;
            }
            return Literals.parseNumber(t.getText());
        } catch (IllegalArgumentException e) {
            throw source.error(start(t), e.getMessage());
        }
    }

    // ---- durations -----------------------------------------------------------------------------

    /** A range, step or offset: a fixed duration, or an expression the engine resolves per query. */
    private static final class Span {
        static final Span NONE = new Span(Duration.ZERO, null);

        final Duration fixed;
        final DurationExpr expr;

        Span(Duration fixed, DurationExpr expr) {
            this.fixed = fixed;
            this.expr = expr;
        }
    }

    /** Ranges and steps: a literal must be positive; an expression is checked when the engine resolves it. */
    private Span positiveSpan(PromQLParser.DurationExprContext ctx) {
        DurationExpr d = durationExpr(ctx);
        if (!(d instanceof DurationLiteral)) {
            return new Span(Duration.ZERO, d);
        }
        double seconds = ((DurationLiteral) d).value();
        if (!(seconds > 0)) {
            throw source.error(d.position().start(), "duration must be greater than 0");
        }
        return new Span(Duration.ofNanos(Math.round(seconds * 1e9)), null);
    }

    private Span offsetSpan(PromQLParser.OffsetDurationContext ctx) {
        if (ctx instanceof PromQLParser.OffsetLiteralContext) {
            PromQLParser.OffsetLiteralContext lit = (PromQLParser.OffsetLiteralContext) ctx;
            double seconds = literalSeconds(lit.getStop());
            if (lit.sign != null && lit.sign.getType() == PromQLParser.SUB) {
                seconds = -seconds;
            }
            if (Double.isNaN(seconds) || Math.abs(seconds) > Literals.MAX_DURATION_SECONDS) {
                throw source.error(start(ctx.getStart()), "duration out of range");
            }
            return new Span(Duration.ofNanos(Math.round(seconds * 1e9)), null);
        }
        Token sign;
        DurationExpr operand;
        if (ctx instanceof PromQLParser.OffsetParenContext) {
            PromQLParser.OffsetParenContext paren = (PromQLParser.OffsetParenContext) ctx;
            sign = paren.sign;
            DurationExpr inner = durationExpr(paren.durationExpr());
            requireDurationExpressions(inner.position().start());
            operand = new DurationParen(
                    inner, new PositionRange(start(paren.LEFT_PAREN().getSymbol()), end(ctx.stop)));
        } else {
            PromQLParser.OffsetCallContext call = (PromQLParser.OffsetCallContext) ctx;
            sign = call.sign;
            operand = durationCall(call.durationCall(), "offset");
        }
        boolean negate = sign != null && sign.getType() == PromQLParser.SUB;
        DurationExpr expr = negate ? new DurationNegation(operand, range(ctx)) : operand;
        return new Span(Duration.ZERO, expr);
    }

    private DurationExpr durationExpr(PromQLParser.DurationExprContext ctx) {
        if (ctx instanceof PromQLParser.DurationNumberContext) {
            Token t = ctx.getStart();
            double seconds = literalSeconds(t);
            if (Math.abs(seconds) > Literals.MAX_DURATION_SECONDS) {
                throw source.error(start(t), "duration out of range");
            }
            return new DurationLiteral(seconds, t.getType() == PromQLParser.DURATION, range(ctx));
        }
        if (ctx instanceof PromQLParser.DurationUnaryContext) {
            PromQLParser.DurationUnaryContext unary = (PromQLParser.DurationUnaryContext) ctx;
            DurationExpr inner = durationExpr(unary.durationExpr());
            if (unary.sign.getType() == PromQLParser.ADD) {
                return inner;
            }
            PositionRange pos = range(ctx);
            if (inner instanceof DurationLiteral) {
                DurationLiteral lit = (DurationLiteral) inner;
                return new DurationLiteral(-lit.value(), lit.duration(), pos);
            }
            return new DurationNegation(inner, pos);
        }
        if (ctx instanceof PromQLParser.DurationParenContext) {
            DurationExpr inner = durationExpr(((PromQLParser.DurationParenContext) ctx).durationExpr());
            requireDurationExpressions(inner.position().start());
            return new DurationParen(inner, range(ctx));
        }
        if (ctx instanceof PromQLParser.DurationFunctionContext) {
            return durationCall(((PromQLParser.DurationFunctionContext) ctx).durationCall(), null);
        }
        PromQLParser.DurationBinaryContext binary = (PromQLParser.DurationBinaryContext) ctx;
        DurationExpr lhs = durationExpr(binary.durationExpr(0));
        requireDurationExpressions(lhs.position().start());
        DurationExpr rhs = durationExpr(binary.durationExpr(1));
        BinaryOp op = binaryOp(binary.op);
        boolean zeroDivisor = rhs instanceof DurationLiteral && ((DurationLiteral) rhs).value() == 0;
        if (zeroDivisor && (op == BinaryOp.DIV || op == BinaryOp.MOD)) {
            throw source.error(start(binary.op), op == BinaryOp.DIV ? "division by zero" : "modulo by zero");
        }
        return new DurationArithmetic(op, lhs, rhs, range(ctx));
    }

    /**
     * step(), range(), min_of(a, b), max_of(a, b).
     *
     * @param offsetContext "offset" when the call directly follows {@code offset}, for Prometheus's wording
     */
    private DurationExpr durationCall(PromQLParser.DurationCallContext ctx, String offsetContext) {
        Token name = ctx.IDENTIFIER().getSymbol();
        DurationFunction.Name function = durationFunction(name.getText());
        if (function == null) {
            throw source.error(
                    start(name),
                    offsetContext != null
                            ? "unexpected identifier " + Literals.quote(name.getText())
                                    + " in offset, expected number, duration, step(), or range()"
                            : "unexpected character in duration expression: '"
                                    + name.getText().charAt(0) + "'");
        }
        requireDurationExpressions(start(name));
        List<DurationExpr> args = new ArrayList<>(2);
        for (PromQLParser.DurationExprContext arg : ctx.durationExpr()) {
            args.add(durationExpr(arg));
        }
        if (args.size() != function.arity()) {
            throw source.error(
                    start(name),
                    "wrong number of arguments for " + function.keyword() + "(), expected " + function.arity()
                            + ", got " + args.size());
        }
        return new DurationFunction(function, args, range(ctx));
    }

    private static DurationFunction.Name durationFunction(String name) {
        for (DurationFunction.Name f : DurationFunction.Name.values()) {
            if (f.keyword().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private void requireDurationExpressions(int at) {
        if (!options.durationExpressions()) {
            throw source.error(at, "experimental duration expression is not enabled");
        }
    }

    private String unquote(Token t) {
        try {
            return Literals.unquote(t.getText());
        } catch (IllegalArgumentException e) {
            throw source.error(start(t), e.getMessage());
        }
    }

    private int start(Token t) {
        return source.charOffset(t.getStartIndex());
    }

    private int end(Token t) {
        return source.charOffset(t.getStopIndex() + 1);
    }

    private PositionRange range(ParserRuleContext ctx) {
        return new PositionRange(start(ctx.getStart()), end(ctx.getStop()));
    }

    private static PositionRange extend(Expr inner, int newEnd) {
        return new PositionRange(inner.position().start(), newEnd);
    }
}
