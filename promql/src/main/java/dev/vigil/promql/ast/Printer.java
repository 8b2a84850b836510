package dev.vigil.promql.ast;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints an AST as canonical PromQL, formatted as Prometheus formats it: single spaces around binary operators,
 * {@code sum by (job) (x)}, matchers sorted, durations like {@code 1h30m}, {@code @} timestamps with three decimals,
 * strings quoted with Go escapes. Parsing the output yields the same tree (positions aside). Stateless and
 * thread-safe.
 */
public final class Printer {
    private Printer() {}

    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder(64);
        write(out, expr);
        return out.toString();
    }

    public static String print(DurationExpr expr) {
        StringBuilder out = new StringBuilder(16);
        writeDurationExpr(out, expr);
        return out.toString();
    }

    private static void writeDurationExpr(StringBuilder out, DurationExpr expr) {
        if (expr instanceof DurationLiteral) {
            DurationLiteral l = (DurationLiteral) expr;
            out.append(l.duration() ? formatSecondsAsDuration(l.value()) : formatNumber(l.value()));
        } else if (expr instanceof DurationArithmetic) {
            DurationArithmetic a = (DurationArithmetic) expr;
            writeDurationExpr(out, a.lhs());
            out.append(' ').append(a.op().symbol()).append(' ');
            writeDurationExpr(out, a.rhs());
        } else if (expr instanceof DurationNegation) {
            out.append('-');
            writeDurationExpr(out, ((DurationNegation) expr).expr());
        } else if (expr instanceof DurationParen) {
            out.append('(');
            writeDurationExpr(out, ((DurationParen) expr).expr());
            out.append(')');
        } else if (expr instanceof DurationFunction) {
            DurationFunction f = (DurationFunction) expr;
            out.append(f.name().keyword()).append('(');
            for (int i = 0; i < f.args().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeDurationExpr(out, f.args().get(i));
            }
            out.append(')');
        } else {
            throw new IllegalStateException("BUG: unknown duration expression " + expr.getClass());
        }
    }

    private static void write(StringBuilder out, Expr expr) {
        if (expr instanceof NumberLiteral) {
            NumberLiteral n = (NumberLiteral) expr;
            out.append(n.duration() ? formatSecondsAsDuration(n.value()) : formatNumber(n.value()));
        } else if (expr instanceof StringLiteral) {
            out.append(quote(((StringLiteral) expr).value()));
        } else if (expr instanceof VectorSelector) {
            VectorSelector vs = (VectorSelector) expr;
            writeSelectorBody(out, vs);
            writeAt(out, vs.at());
            writeRangeModifier(out, vs.rangeModifier());
            writeOffset(out, vs.offset(), vs.offsetExpr());
        } else if (expr instanceof MatrixSelector) {
            MatrixSelector ms = (MatrixSelector) expr;
            writeSelectorBody(out, ms.selector());
            out.append('[');
            writeDuration(out, ms.range(), ms.rangeExpr());
            out.append(']');
            writeRangeModifier(out, ms.selector().rangeModifier());
            writeAt(out, ms.selector().at());
            writeOffset(out, ms.selector().offset(), ms.selector().offsetExpr());
        } else if (expr instanceof Subquery) {
            Subquery sq = (Subquery) expr;
            write(out, sq.expr());
            writeSubquerySuffix(out, sq);
        } else if (expr instanceof Call) {
            Call call = (Call) expr;
            out.append(call.function().name()).append('(');
            writeJoined(out, call.args());
            out.append(')');
        } else if (expr instanceof Binary) {
            writeBinary(out, (Binary) expr);
        } else if (expr instanceof Unary) {
            Unary u = (Unary) expr;
            out.append(u.negate() ? '-' : '+');
            write(out, u.expr());
        } else if (expr instanceof Aggregate) {
            writeAggregate(out, (Aggregate) expr);
        } else if (expr instanceof Paren) {
            out.append('(');
            write(out, ((Paren) expr).expr());
            out.append(')');
        } else {
            throw new IllegalStateException("BUG: unknown expression type " + expr.getClass());
        }
    }

    /** {@code [range:step]}, then the {@code @} and {@code offset} modifiers of a subquery. */
    static void writeSubquerySuffix(StringBuilder out, Subquery sq) {
        out.append('[');
        writeDuration(out, sq.range(), sq.rangeExpr());
        out.append(':');
        if (!sq.step().isZero() || sq.stepExpr() != null) {
            writeDuration(out, sq.step(), sq.stepExpr());
        }
        out.append(']');
        writeAt(out, sq.at());
        writeOffset(out, sq.offset(), sq.offsetExpr());
    }

    private static void writeSelectorBody(StringBuilder out, VectorSelector vs) {
        out.append(vs.metricName());
        List<String> matchers = new ArrayList<>(vs.matchers().size());
        for (LabelMatcher m : vs.matchers()) {
            matchers.add(m.toString());
        }
        if (!matchers.isEmpty() || vs.metricName().isEmpty()) {
            matchers.sort(null);
            out.append('{').append(String.join(",", matchers)).append('}');
        }
    }

    private static void writeAt(StringBuilder out, AtModifier at) {
        switch (at.kind()) {
            case NONE:
                break;
            case TIMESTAMP:
                out.append(" @ ").append(String.format(Locale.ROOT, "%.3f", at.timestampMillis() / 1000.0));
                break;
            case START:
                out.append(" @ start()");
                break;
            case END:
                out.append(" @ end()");
                break;
            default:
                throw new IllegalStateException("BUG: unknown @ modifier " + at.kind());
        }
    }

    private static void writeRangeModifier(StringBuilder out, RangeModifier modifier) {
        if (modifier != RangeModifier.NONE) {
            out.append(' ').append(modifier.keyword());
        }
    }

    private static void writeDuration(StringBuilder out, Duration fixed, DurationExpr expr) {
        if (expr != null) {
            writeDurationExpr(out, expr);
        } else {
            out.append(formatDuration(fixed));
        }
    }

    private static void writeOffset(StringBuilder out, Duration offset, DurationExpr offsetExpr) {
        if (offsetExpr != null) {
            out.append(" offset ");
            writeDurationExpr(out, offsetExpr);
        } else if (offset.isNegative()) {
            out.append(" offset -").append(formatDuration(offset.negated()));
        } else if (!offset.isZero()) {
            out.append(" offset ").append(formatDuration(offset));
        }
    }

    private static void writeBinary(StringBuilder out, Binary b) {
        if (b.op() == BinaryOp.POW && b.lhs() instanceof NumberLiteral) {
            writePowerBase(out, (NumberLiteral) b.lhs());
        } else {
            write(out, b.lhs());
        }
        out.append(' ').append(b.op().symbol());
        if (b.returnBool()) {
            out.append(" bool");
        }
        writeMatching(out, b.matching());
        out.append(' ');
        write(out, b.rhs());
    }

    /** The {@code on}/{@code ignoring}, {@code group_*} and {@code fill*} modifiers, each after a space. */
    static void writeMatching(StringBuilder out, VectorMatching vm) {
        if (vm == null) {
            return;
        }
        boolean grouped = vm.cardinality() == Cardinality.MANY_TO_ONE || vm.cardinality() == Cardinality.ONE_TO_MANY;
        if (!vm.matchingLabels().isEmpty() || vm.on() || grouped) {
            out.append(vm.on() ? " on (" : " ignoring (");
            writeLabels(out, vm.matchingLabels());
            out.append(')');
        }
        if (grouped) {
            out.append(vm.cardinality() == Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (");
            writeLabels(out, vm.include());
            out.append(')');
        }
        writeFill(out, vm);
    }

    private static void writeFill(StringBuilder out, VectorMatching vm) {
        boolean same = vm.fillLeft().isPresent()
                && vm.fillRight().isPresent()
                && Double.compare(vm.fillLeft().getAsDouble(), vm.fillRight().getAsDouble()) == 0;
        if (same) {
            out.append(" fill (")
                    .append(formatGoValue(vm.fillLeft().getAsDouble()))
                    .append(')');
            return;
        }
        if (vm.fillLeft().isPresent()) {
            out.append(" fill_left (")
                    .append(formatGoValue(vm.fillLeft().getAsDouble()))
                    .append(')');
        }
        if (vm.fillRight().isPresent()) {
            out.append(" fill_right (")
                    .append(formatGoValue(vm.fillRight().getAsDouble()))
                    .append(')');
        }
    }

    /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e21 on. */
    static String formatGoValue(double v) {
        double abs = Math.abs(v);
        if (Double.isNaN(v) || Double.isInfinite(v) || v == 0 || (abs >= 1e-4 && abs < 1e21)) {
            return formatNumber(v);
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        return (v < 0 ? "-" : "") + mantissa + "e" + exp;
    }

    /**
     * A sign written before a number is read back as a unary operator, which binds looser than {@code ^}: print
     * +Inf as {@code Inf}, and parenthesize negative bases, so that the output parses to the same power.
     */
    private static void writePowerBase(StringBuilder out, NumberLiteral base) {
        double v = base.value();
        if (v == Double.POSITIVE_INFINITY && !base.duration()) {
            out.append("Inf");
        } else if (v < 0 || (v == 0 && 1 / v < 0)) {
            out.append('(');
            write(out, base);
            out.append(')');
        } else {
            write(out, base);
        }
    }

    private static void writeAggregate(StringBuilder out, Aggregate a) {
        writeAggregatePrefix(out, a);
        out.append('(');
        if (a.param() != null) {
            write(out, a.param());
            out.append(", ");
        }
        write(out, a.expr());
        out.append(')');
    }

    /** The operator and its {@code by}/{@code without} clause, followed by a space when there is a clause. */
    static void writeAggregatePrefix(StringBuilder out, Aggregate a) {
        out.append(a.op().keyword());
        if (a.without()) {
            out.append(" without (");
            writeLabels(out, a.grouping());
            out.append(") ");
        } else if (!a.grouping().isEmpty()) {
            out.append(" by (");
            writeLabels(out, a.grouping());
            out.append(") ");
        }
    }

    private static void writeJoined(StringBuilder out, List<Expr> exprs) {
        for (int i = 0; i < exprs.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(out, exprs.get(i));
        }
    }

    private static void writeLabels(StringBuilder out, List<String> labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(labelName(labels.get(i)));
        }
    }

    /** A label name as written in PromQL: bare if it is a legacy name, quoted otherwise. */
    public static String labelName(String name) {
        return isLegacyName(name) ? name : quote(name);
    }

    static boolean isLegacyName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Formats a float as Prometheus prints number literals: the shortest decimal that reads back to the same
     * value, without exponent; {@code +Inf}, {@code -Inf} and {@code NaN} for the special values.
     */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * Formats a duration as Prometheus's model.Duration does: whole milliseconds split greedily into {@code y w d h
     * m s ms} units, {@code 0s} for zero. Sub-millisecond parts are dropped. Negative durations are not accepted.
     */
    public static String formatDuration(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        return formatMillis(d.toMillis());
    }

    /** Duration literals hold whole milliseconds, so rounding to milliseconds is exact. */
    private static String formatSecondsAsDuration(double seconds) {
        if (seconds < 0) {
            return "-" + formatMillis(Math.round(-seconds * 1000));
        }
        return formatMillis(Math.round(seconds * 1000));
    }

    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private static String formatMillis(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = ms;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }

    /** Quotes a string with double quotes and Go's escapes (as Go's strconv.Quote); see {@link GoStrings#quote}. */
    public static String quote(String s) {
        return GoStrings.quote(s);
    }
}
