package dev.vigil.ui.status;

import java.util.List;

/**
 * The rule groups being evaluated, for {@code /api/v1/rules} and (through their alerting rules) {@code
 * /api/v1/alerts}.
 */
@FunctionalInterface
public interface RulesView {
    /** Every rule group, in evaluation order (file, then group order within the file). */
    List<RuleGroupStatus> ruleGroups();

    /** No rule evaluation wired. */
    RulesView NONE = List::of;
}
