/**
 * Streaming JSON in Prometheus's exact text: Go's float formatting ({@link dev.vigil.ui.json.FloatFormatter}),
 * jsoniter's string escaping, the query result, stats and AST shapes. Writers never build trees, so results of any
 * size stream out.
 */
package dev.vigil.ui.json;
