/** Vigil's own figures about its process and JVM, exported on {@code /metrics}. */
package dev.vigil.server.selfmetrics;
