/**
 * The head: every series in memory with its open chunk, the append path, the WAL, chunk cutting and the querier over
 * head and persisted chunks. See {@link dev.vigil.tsdb.head.Head}.
 */
package dev.vigil.tsdb.head;
