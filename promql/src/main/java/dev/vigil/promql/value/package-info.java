/**
 * PromQL values: {@link dev.vigil.promql.value.Scalar}, {@link dev.vigil.promql.value.StringValue}, instant
 * {@link dev.vigil.promql.value.Vector} and range {@link dev.vigil.promql.value.Matrix}, backed by primitive arrays so
 * that evaluation creates no object per sample.
 */
package dev.vigil.promql.value;
