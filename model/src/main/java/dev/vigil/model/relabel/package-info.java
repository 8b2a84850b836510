/**
 * Relabeling configuration: {@link dev.vigil.model.relabel.RelabelConfig} and
 * {@link dev.vigil.model.relabel.RelabelAction}, validated with Prometheus's rules. The relabeling engine that
 * applies them to label sets lives beside them.
 */
package dev.vigil.model.relabel;
