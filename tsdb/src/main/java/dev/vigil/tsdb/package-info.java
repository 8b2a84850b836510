/** Vigil tsdb module. */
package dev.vigil.tsdb;
