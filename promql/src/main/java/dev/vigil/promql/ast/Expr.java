package dev.vigil.promql.ast;

/**
 * A PromQL expression. Records are immutable; {@code equals} compares positions too (use {@link
 * AstNormalizer#withoutPositions(Expr)} to compare structure only). {@link #toString()} of every record prints
 * canonical PromQL via {@link Printer}.
 */
public sealed interface Expr
        permits Aggregate,
                Binary,
                Call,
                MatrixSelector,
                NumberLiteral,
                Paren,
                StringLiteral,
                Subquery,
                Unary,
                VectorSelector {

    /** Where this expression appears in the query text. */
    PositionRange position();

    /** The type this expression evaluates to, derived from its structure alone. */
    ValueType type();
}
