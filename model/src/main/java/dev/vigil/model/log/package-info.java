/**
 * Structured logging on top of {@code java.util.logging}: a message plus key/value pairs, rendered
 * as logfmt or JSON by the formatter the server installs.
 */
package dev.vigil.model.log;
