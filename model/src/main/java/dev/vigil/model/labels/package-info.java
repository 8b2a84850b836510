/**
 * Label sets and label matchers: {@link dev.vigil.model.labels.Labels}, {@link dev.vigil.model.labels.LabelsBuilder},
 * {@link dev.vigil.model.labels.Matcher} and the RE2-to-Java regex translation in {@link
 * dev.vigil.model.labels.PromRegex}.
 */
package dev.vigil.model.labels;
