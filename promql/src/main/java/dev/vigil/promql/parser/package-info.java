/**
 * The PromQL parser: {@link dev.vigil.promql.parser.ExpressionParser} turns query text into a type-checked
 * {@code dev.vigil.promql.ast.Expr} or throws {@link dev.vigil.promql.parser.ParseException} with Prometheus's
 * position and wording. ANTLR-generated classes ({@code PromQLLexer}, {@code PromQLParser}) are implementation
 * details of this package and are not part of its API.
 */
package dev.vigil.promql.parser;
