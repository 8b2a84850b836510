/**
 * The numeric kernels of PromQL functions, independent of evaluation: reductions ({@link
 * dev.vigil.promql.functions.Stats}), range-vector functions over primitive sample arrays ({@link
 * dev.vigil.promql.functions.RangeFunctions}), classic-histogram quantiles and fractions ({@link
 * dev.vigil.promql.functions.BucketQuantiles}) and float formatting. Stateless and thread-safe.
 */
package dev.vigil.promql.functions;
