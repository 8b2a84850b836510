/** The in-memory inverted index: label pair → sorted series ids, and matcher evaluation over it. */
package dev.vigil.tsdb.index;
