/**
 * The PromQL abstract syntax tree: immutable records under the sealed {@link dev.vigil.promql.ast.Expr}, the
 * function signature registry {@link dev.vigil.promql.ast.Functions} and the canonical {@link
 * dev.vigil.promql.ast.Printer}. Produced by {@code dev.vigil.promql.parser.ExpressionParser}; all types are
 * immutable and safe to share between threads.
 */
package dev.vigil.promql.ast;
