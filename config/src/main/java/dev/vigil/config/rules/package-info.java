/**
 * Prometheus rule files: groups of recording and alerting rules, loaded with the same located tree and validated like
 * {@code promtool check rules}. PromQL expressions are checked through an {@link dev.vigil.config.rules.ExprValidator}
 * supplied by the caller, so this module does not depend on the PromQL parser.
 */
package dev.vigil.config.rules;
