/** Reading of {@code relabel_config} lists into {@link dev.vigil.model.relabel.RelabelConfig} records. */
package dev.vigil.config.relabel;
