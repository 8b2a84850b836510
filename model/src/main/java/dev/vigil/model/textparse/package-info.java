/**
 * Parsers for the Prometheus text exposition format 0.0.4 and the OpenMetrics 1.0 text format.
 *
 * <p>{@link dev.vigil.model.textparse.Formats} picks a format from a Content-Type; {@link
 * dev.vigil.model.textparse.ExpositionFormat} makes a pull parser ({@link
 * dev.vigil.model.textparse.ExpositionParser}) over a byte array or an input stream. The parsers
 * allocate nothing per sample; strings come from a {@link dev.vigil.model.textparse.SymbolCache}
 * only when asked for. Errors are {@link dev.vigil.model.textparse.TextParseException}s with line,
 * column and a snippet.
 */
package dev.vigil.model.textparse;
