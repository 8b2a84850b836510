package dev.vigil.promql.ast;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** {@code step()}, {@code range()}, {@code min_of(a, b)} or {@code max_of(a, b)} in a duration expression. */
public record DurationFunction(Name name, List<DurationExpr> args, PositionRange position) implements DurationExpr {

    /** The duration functions and their argument counts. */
    public enum Name {
        STEP(0),
        RANGE(0),
        MIN_OF(2),
        MAX_OF(2);

        private final int arity;

        Name(int arity) {
            this.arity = arity;
        }

        public int arity() {
            return arity;
        }

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DurationFunction {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        if (args.size() != name.arity()) {
            throw new IllegalArgumentException(
                    name.keyword() + "() takes " + name.arity() + " arguments, got " + args.size());
        }
    }

    @Override
    public double seconds(double stepSeconds, double rangeSeconds) {
        switch (name) {
            case STEP:
                return stepSeconds;
            case RANGE:
                return rangeSeconds;
            case MIN_OF:
                return Math.min(
                        args.get(0).seconds(stepSeconds, rangeSeconds),
                        args.get(1).seconds(stepSeconds, rangeSeconds));
            case MAX_OF:
                return Math.max(
                        args.get(0).seconds(stepSeconds, rangeSeconds),
                        args.get(1).seconds(stepSeconds, rangeSeconds));
            default:
                throw new IllegalStateException("BUG: unknown duration function " + name);
        }
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
