/** Vigil promql module. */
package dev.vigil.promql;
