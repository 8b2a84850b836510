package dev.vigil.alerting.eval;

import dev.vigil.alerting.template.AlertTemplateExpander;
import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.rules.Rule;
import dev.vigil.config.rules.RuleFile;
import dev.vigil.config.rules.RuleFileLoader;
import dev.vigil.config.rules.RuleGroup;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads rule files the way the rule manager and {@code vigil check rules} both need: expressions checked with the
 * real PromQL parser and stored in its canonical formatting, alert templates checked with the template engine, group
 * labels merged into each rule's labels (the rule's win). Stateless.
 */
public final class RuleFiles {
    private RuleFiles() {}

    /** Reads and validates one rule file; every problem is reported with file, line, column, group and rule. */
    public static RuleFile load(Path file) throws ConfigException {
        return RuleFileLoader.load(file, RuleFiles::checkExpression, AlertTemplateExpander::validate);
    }

    /** The parse error of a PromQL expression, or empty when it parses. */
    public static Optional<String> checkExpression(String expr) {
        try {
            ExpressionParser.parse(expr);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Loads every file into group definitions, in file order. All files are read even after a failure, so one
     * exception reports every problem; group names must be unique per file only.
     *
     * @param defaultInterval the interval of groups that set none (the global {@code evaluation_interval})
     */
    static List<GroupDefinition> definitions(List<Path> files, Duration defaultInterval) throws ConfigException {
        List<GroupDefinition> out = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        Map<Path, Boolean> seen = new HashMap<>();
        for (Path file : files) {
            if (seen.put(file.toAbsolutePath().normalize(), Boolean.TRUE) != null) {
                continue;
            }
            RuleFile loaded;
            try {
                loaded = load(file);
            } catch (ConfigException e) {
                errors.addAll(e.errors());
                continue;
            }
            for (RuleGroup group : loaded.groups()) {
                out.add(definition(file.toString(), group, defaultInterval));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return out;
    }

    private static GroupDefinition definition(String file, RuleGroup group, Duration defaultInterval) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : group.rules()) {
            Map<String, String> labels = new LinkedHashMap<>(group.labels());
            labels.putAll(rule.labels());
            String query = ExpressionParser.parse(rule.expr()).toString();
            if (rule instanceof Rule.AlertingRule a) {
                rules.add(new Rule.AlertingRule(
                        a.alert(), query, a.forDuration(), a.keepFiringFor(), labels, a.annotations()));
            } else {
                rules.add(new Rule.RecordingRule(rule.name(), query, labels));
            }
        }
        Duration interval = group.interval().map(PromDuration::toDuration).orElse(defaultInterval);
        return new GroupDefinition(
                group.name(), file, interval, group.limit(), group.queryOffset().map(PromDuration::toDuration), rules);
    }
}
