/**
 * Rule evaluation, Prometheus's rule manager: {@link dev.vigil.alerting.eval.RuleManager} loads rule files into
 * groups, evaluates them on their interval through a {@link dev.vigil.alerting.eval.RuleQueryFunction}, appends
 * recording rule results and {@code ALERTS}/{@code ALERTS_FOR_STATE} samples, and hands alerts to a
 * {@link dev.vigil.alerting.eval.NotifyFunction}. Plain synchronous code: evaluations run on the executor given to
 * the manager, never on a Vert.x event loop.
 */
package dev.vigil.alerting.eval;
