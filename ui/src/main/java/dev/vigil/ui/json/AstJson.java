package dev.vigil.ui.json;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.AtModifier;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Cardinality;
import dev.vigil.promql.ast.DurationArithmetic;
import dev.vigil.promql.ast.DurationExpr;
import dev.vigil.promql.ast.DurationFunction;
import dev.vigil.promql.ast.DurationLiteral;
import dev.vigil.promql.ast.DurationNegation;
import dev.vigil.promql.ast.DurationParen;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.LabelMatcher;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.NumberLiteral;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.RangeModifier;
import dev.vigil.promql.ast.StringLiteral;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.ast.VectorMatching;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.ui.json.FloatFormatter.Style;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Writes an expression as Prometheus 3's {@code /api/v1/parse_query} does (the tree its UI's explain view shows):
 * objects typed {@code aggregation}, {@code binaryExpr}, {@code call}, {@code matrixSelector}, {@code subquery},
 * {@code numberLiteral}, {@code parenExpr}, {@code stringLiteral}, {@code unaryExpr}, {@code vectorSelector} and
 * {@code durationExpr}, with keys in sorted order as Go writes maps, durations in milliseconds and number literals
 * without exponent. Stateless.
 */
public final class AstJson {
    private AstJson() {}

    public static void write(ApiJson json, Expr e) throws IOException {
        if (e == null) {
            json.nullValue();
        } else if (e instanceof Aggregate a) {
            aggregate(json, a);
        } else if (e instanceof Binary b) {
            binary(json, b);
        } else if (e instanceof Call c) {
            call(json, c);
        } else if (e instanceof MatrixSelector ms) {
            matrixSelector(json, ms);
        } else if (e instanceof Subquery sq) {
            subquery(json, sq);
        } else if (e instanceof NumberLiteral n) {
            json.startObject();
            json.field("type");
            json.string("numberLiteral");
            json.field("val");
            json.floatString(n.value(), Style.FIXED);
            json.endObject();
        } else if (e instanceof Paren p) {
            json.startObject();
            json.field("expr");
            write(json, p.expr());
            json.field("type");
            json.string("parenExpr");
            json.endObject();
        } else if (e instanceof StringLiteral s) {
            json.startObject();
            json.field("type");
            json.string("stringLiteral");
            json.field("val");
            json.string(s.value());
            json.endObject();
        } else if (e instanceof Unary u) {
            json.startObject();
            json.field("expr");
            write(json, u.expr());
            json.field("op");
            json.string(u.negate() ? "-" : "+");
            json.field("type");
            json.string("unaryExpr");
            json.endObject();
        } else if (e instanceof VectorSelector vs) {
            vectorSelector(json, vs);
        } else {
            throw new IllegalArgumentException("unknown expression " + e.getClass());
        }
    }

    private static void aggregate(ApiJson json, Aggregate a) throws IOException {
        json.startObject();
        json.field("expr");
        write(json, a.expr());
        json.field("grouping");
        json.strings(a.grouping());
        json.field("op");
        json.string(a.op().keyword());
        json.field("param");
        write(json, a.param());
        json.field("type");
        json.string("aggregation");
        json.field("without");
        json.bool(a.without());
        json.endObject();
    }

    private static void binary(ApiJson json, Binary b) throws IOException {
        json.startObject();
        json.field("bool");
        json.bool(b.returnBool());
        json.field("lhs");
        write(json, b.lhs());
        json.field("matching");
        matching(json, b.matching());
        json.field("op");
        json.string(b.op().symbol());
        json.field("rhs");
        write(json, b.rhs());
        json.field("type");
        json.string("binaryExpr");
        json.endObject();
    }

    private static void matching(ApiJson json, VectorMatching m) throws IOException {
        if (m == null) {
            json.nullValue();
            return;
        }
        json.startObject();
        json.field("card");
        json.string(cardinality(m.cardinality()));
        json.field("fillValues");
        json.startObject();
        json.field("lhs");
        optionalNumber(json, m.fillLeft());
        json.field("rhs");
        optionalNumber(json, m.fillRight());
        json.endObject();
        json.field("include");
        json.strings(m.include());
        json.field("labels");
        json.strings(m.matchingLabels());
        json.field("on");
        json.bool(m.on());
        json.endObject();
    }

    private static void optionalNumber(ApiJson json, OptionalDouble v) throws IOException {
        if (v.isPresent()) {
            json.jsonNumber(v.getAsDouble());
        } else {
            json.nullValue();
        }
    }

    private static String cardinality(Cardinality c) {
        return switch (c) {
            case ONE_TO_ONE -> "one-to-one";
            case MANY_TO_ONE -> "many-to-one";
            case ONE_TO_MANY -> "one-to-many";
            case MANY_TO_MANY -> "many-to-many";
        };
    }

    private static void call(ApiJson json, Call c) throws IOException {
        json.startObject();
        json.field("args");
        json.startArray();
        for (Expr arg : c.args()) {
            write(json, arg);
        }
        json.endArray();
        json.field("func");
        json.startObject();
        json.field("argTypes");
        json.startArray();
        for (ValueType t : c.function().argTypes()) {
            json.string(t.apiName());
        }
        json.endArray();
        json.field("name");
        json.string(c.function().name());
        json.field("returnType");
        json.string(c.function().returnType().apiName());
        json.field("variadic");
        json.number(c.function().variadic());
        json.endObject();
        json.field("type");
        json.string("call");
        json.endObject();
    }

    private static void vectorSelector(ApiJson json, VectorSelector vs) throws IOException {
        json.startObject();
        json.field("anchored");
        json.bool(vs.rangeModifier() == RangeModifier.ANCHORED);
        selectorFields(json, vs);
        json.field("smoothed");
        json.bool(vs.rangeModifier() == RangeModifier.SMOOTHED);
        atFields(json, vs.at());
        json.field("type");
        json.string("vectorSelector");
        json.endObject();
    }

    private static void matrixSelector(ApiJson json, MatrixSelector ms) throws IOException {
        VectorSelector vs = ms.selector();
        json.startObject();
        json.field("anchored");
        json.bool(vs.rangeModifier() == RangeModifier.ANCHORED);
        selectorFields(json, vs);
        json.field("range");
        json.number(ms.range().toMillis());
        json.field("rangeExpr");
        durationExpr(json, ms.rangeExpr());
        json.field("smoothed");
        json.bool(vs.rangeModifier() == RangeModifier.SMOOTHED);
        atFields(json, vs.at());
        json.field("type");
        json.string("matrixSelector");
        json.endObject();
    }

    /** {@code matchers}, {@code name}, {@code offset}, {@code offsetExpr}: the keys between "anchored" and "range". */
    private static void selectorFields(ApiJson json, VectorSelector vs) throws IOException {
        json.field("matchers");
        matchers(json, vs.allMatchers());
        json.field("name");
        json.string(vs.metricName());
        offsetFields(json, vs.offset(), vs.offsetExpr());
    }

    private static void offsetFields(ApiJson json, Duration offset, DurationExpr offsetExpr) throws IOException {
        json.field("offset");
        json.number(offset.toMillis());
        json.field("offsetExpr");
        durationExpr(json, offsetExpr);
    }

    /** {@code startOrEnd} and {@code timestamp}. */
    private static void atFields(ApiJson json, AtModifier at) throws IOException {
        json.field("startOrEnd");
        switch (at.kind()) {
            case START -> json.string("start");
            case END -> json.string("end");
            default -> json.nullValue();
        }
        json.field("timestamp");
        if (at.kind() == AtModifier.Kind.TIMESTAMP) {
            json.number(at.timestampMillis());
        } else {
            json.nullValue();
        }
    }

    private static void matchers(ApiJson json, List<LabelMatcher> matchers) throws IOException {
        json.startArray();
        for (LabelMatcher m : matchers) {
            json.startObject();
            json.field("name");
            json.string(m.name());
            json.field("type");
            json.string(m.type().symbol());
            json.field("value");
            json.string(m.value());
            json.endObject();
        }
        json.endArray();
    }

    private static void subquery(ApiJson json, Subquery sq) throws IOException {
        json.startObject();
        json.field("expr");
        write(json, sq.expr());
        offsetFields(json, sq.offset(), sq.offsetExpr());
        json.field("range");
        json.number(sq.range().toMillis());
        json.field("rangeExpr");
        durationExpr(json, sq.rangeExpr());
        json.field("startOrEnd");
        switch (sq.at().kind()) {
            case START -> json.string("start");
            case END -> json.string("end");
            default -> json.nullValue();
        }
        json.field("step");
        json.number(sq.step().toMillis());
        json.field("stepExpr");
        durationExpr(json, sq.stepExpr());
        json.field("timestamp");
        if (sq.at().kind() == AtModifier.Kind.TIMESTAMP) {
            json.number(sq.at().timestampMillis());
        } else {
            json.nullValue();
        }
        json.field("type");
        json.string("subquery");
        json.endObject();
    }

    /** Prometheus keeps parentheses as a {@code wrapped} flag on the expression inside them. */
    private static void durationExpr(ApiJson json, DurationExpr e) throws IOException {
        boolean wrapped = false;
        while (e instanceof DurationParen p) {
            wrapped = true;
            e = p.expr();
        }
        if (e == null) {
            json.nullValue();
        } else if (e instanceof DurationLiteral l) {
            json.startObject();
            json.field("duration");
            json.bool(l.duration());
            json.field("type");
            json.string("numberLiteral");
            json.field("val");
            json.floatString(l.value(), Style.FIXED);
            json.endObject();
        } else if (e instanceof DurationArithmetic a) {
            durationNode(json, a.lhs(), a.op().symbol(), a.rhs(), wrapped);
        } else if (e instanceof DurationNegation n) {
            durationNode(json, null, "-", n.expr(), wrapped);
        } else if (e instanceof DurationFunction f) {
            DurationExpr lhs = f.args().isEmpty() ? null : f.args().get(0);
            DurationExpr rhs = f.args().size() < 2 ? null : f.args().get(1);
            durationNode(json, lhs, f.name().keyword(), rhs, wrapped);
        } else {
            throw new IllegalArgumentException("unknown duration expression " + e.getClass());
        }
    }

    private static void durationNode(ApiJson json, DurationExpr lhs, String op, DurationExpr rhs, boolean wrapped)
            throws IOException {
        json.startObject();
        json.field("lhs");
        durationExpr(json, lhs);
        json.field("op");
        json.string(op);
        json.field("rhs");
        durationExpr(json, rhs);
        json.field("type");
        json.string("durationExpr");
        json.field("wrapped");
        json.bool(wrapped);
        json.endObject();
    }
}
