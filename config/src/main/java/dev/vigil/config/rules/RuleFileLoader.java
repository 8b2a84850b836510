package dev.vigil.config.rules;

import dev.vigil.config.core.ConfigError;
import dev.vigil.config.core.ConfigException;
import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.ConfigNode.ScalarNode;
import dev.vigil.config.core.ConfigTreeParser;
import dev.vigil.config.core.KeyPath;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Names;
import dev.vigil.config.core.Problems;
import dev.vigil.config.core.PromDuration;
import dev.vigil.config.core.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads Prometheus rule files ({@code groups:} of recording and alerting rules) and validates them as
 * {@code promtool check rules} does. Every error names the file, line and column, the key path, and the group and
 * rule it concerns. Stateless and thread-safe.
 *
 * <pre>{@code
 * RuleFile rules = RuleFileLoader.load(Path.of("rules/api.yml"), expr -> promqlParser.check(expr));
 * }</pre>
 */
public final class RuleFileLoader {
    private RuleFileLoader() {}

    /** Reads and validates the rule file at {@code file} (UTF-8). */
    public static RuleFile load(Path file, ExprValidator exprValidator) throws ConfigException {
        return load(file, exprValidator, TemplateValidator.ACCEPT_ALL);
    }

    /** Reads and validates the rule file at {@code file}, checking alerting rules' templates too. */
    public static RuleFile load(Path file, ExprValidator exprValidator, TemplateValidator templateValidator)
            throws ConfigException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigError(file.toString(), 1, 1, "", "file is not valid UTF-8"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(file.toString(), 1, 1, "", "cannot read rule file: " + e));
        }
        return parse(text, file.toString(), exprValidator, templateValidator);
    }

    /** Parses and validates rule file text; {@code sourceName} names it in errors. */
    public static RuleFile parse(String yaml, String sourceName, ExprValidator exprValidator) throws ConfigException {
        return parse(yaml, sourceName, exprValidator, TemplateValidator.ACCEPT_ALL);
    }

    /** Parses and validates rule file text, checking alerting rules' templates too. */
    public static RuleFile parse(
            String yaml, String sourceName, ExprValidator exprValidator, TemplateValidator templateValidator)
            throws ConfigException {
        Validators validators = new Validators(exprValidator, templateValidator);
        Problems problems = new Problems();
        MapReader root = MapReader.of(ConfigTreeParser.parseYaml(yaml, sourceName), KeyPath.root(), problems);
        Map<String, SourceLocation> groupNames = new HashMap<>();
        List<RuleGroup> groups = root.mapList("groups", g -> group(g, groupNames, validators));
        root.finish();
        problems.throwIfAny();
        return new RuleFile(sourceName, groups);
    }

    private record Validators(ExprValidator expr, TemplateValidator template) {}

    private static Optional<RuleGroup> group(
            MapReader g, Map<String, SourceLocation> groupNames, Validators validators) {
        String name = g.string("name", "");
        if (name.isEmpty()) {
            g.error("name", "group name must not be empty");
        } else {
            SourceLocation first = groupNames.putIfAbsent(name, g.locationOf("name"));
            if (first != null) {
                g.error(
                        "name",
                        "group name \"" + name + "\" is repeated in the same file (first at line " + first.line()
                                + ")");
            }
        }
        Optional<PromDuration> interval = g.optionalDuration("interval").filter(d -> !d.isZero());
        long limit = g.integer("limit", 0, 0, Long.MAX_VALUE);
        Optional<PromDuration> queryOffset = g.optionalDuration("query_offset");
        Map<String, String> labels = labels(g, "labels", "group \"" + name + "\": ");
        List<Rule> rules = g.list("rules", (item, path) -> {
            MapReader r = MapReader.of(item, path, g.problems());
            Optional<Rule> rule = rule(r, name, validators);
            r.finish();
            return rule;
        });
        return Optional.of(new RuleGroup(name, interval, limit, queryOffset, labels, rules));
    }

    private static Optional<Rule> rule(MapReader r, String group, Validators validators) {
        String record = r.string("record", "");
        String alert = r.string("alert", "");
        String expr = r.string("expr", "");
        Optional<PromDuration> forDuration = r.optionalDuration("for");
        Optional<PromDuration> keepFiringFor = r.optionalDuration("keep_firing_for");
        String context = context(group, r.path(), record, alert);
        Map<String, String> labels = labels(r, "labels", context);
        Map<String, String> annotations = r.stringMap("annotations");

        boolean valid = true;
        if (!record.isEmpty() && !alert.isEmpty()) {
            r.error("record", context + "only one of 'record' and 'alert' must be set");
            valid = false;
        } else if (record.isEmpty() && alert.isEmpty()) {
            r.error(context + "one of 'record' or 'alert' must be set");
            valid = false;
        }
        if (expr.isBlank()) {
            r.error("expr", context + "field 'expr' must be set in rule");
            valid = false;
        } else {
            Optional<String> parseError = validators.expr().check(expr);
            if (parseError.isPresent()) {
                r.error("expr", context + "could not parse expression: " + parseError.get());
                valid = false;
            }
        }
        if (!record.isEmpty()) {
            if (r.has("annotations")) {
                r.error("annotations", context + "invalid field 'annotations' in recording rule");
                valid = false;
            }
            if (forDuration.isPresent() && !forDuration.get().isZero()) {
                r.error("for", context + "invalid field 'for' in recording rule");
                valid = false;
            }
            if (keepFiringFor.isPresent() && !keepFiringFor.get().isZero()) {
                r.error("keep_firing_for", context + "invalid field 'keep_firing_for' in recording rule");
                valid = false;
            }
            if (record.contains("{") || record.contains("}")) {
                r.error(
                        "record",
                        context + "braces present in the recording rule name; should it be in expr?: " + record);
                valid = false;
            } else if (!Names.isValidMetricName(record)) {
                r.error("record", context + "invalid recording rule name: " + record);
                valid = false;
            }
        }
        for (Entry e : r.mapEntries("annotations")) {
            if (!Names.isValidLabelName(e.key())) {
                r.problems()
                        .add(
                                e.keyLocation(),
                                r.pathOf("annotations").child(e.key()),
                                context + "invalid annotation name: " + e.key());
                valid = false;
            }
        }
        if (!alert.isEmpty()) {
            valid &= templatesParse(r, "labels", "label", alert, context, validators.template());
            valid &= templatesParse(r, "annotations", "annotation", alert, context, validators.template());
        }
        if (!valid) {
            return Optional.empty();
        }
        if (!record.isEmpty()) {
            return Optional.of(new Rule.RecordingRule(record, expr, labels));
        }
        return Optional.of(new Rule.AlertingRule(
                alert,
                expr,
                forDuration.orElse(PromDuration.ZERO),
                keepFiringFor.orElse(PromDuration.ZERO),
                labels,
                annotations));
    }

    /** Reports, at each value, the templates under {@code key} that do not parse (as promtool does). */
    private static boolean templatesParse(
            MapReader r, String key, String what, String alert, String context, TemplateValidator validator) {
        boolean ok = true;
        for (Entry e : r.mapEntries(key)) {
            if (!(e.value() instanceof ScalarNode scalar)) {
                continue;
            }
            Optional<String> error = validator.check(alert, scalar.text());
            if (error.isPresent()) {
                r.problems()
                        .add(
                                e.value().location(),
                                r.pathOf(key).child(e.key()),
                                context + what + " \"" + e.key() + "\": " + error.get());
                ok = false;
            }
        }
        return ok;
    }

    private static String context(String group, KeyPath rulePath, String record, String alert) {
        String path = rulePath.toString();
        String number = path.substring(path.lastIndexOf('[') + 1, path.length() - 1);
        int ruleNumber = Integer.parseInt(number) + 1;
        String what = !alert.isEmpty() ? " (alert " + alert + ")" : !record.isEmpty() ? " (record " + record + ")" : "";
        return "group \"" + group + "\", rule " + ruleNumber + what + ": ";
    }

    private static Map<String, String> labels(MapReader r, String key, String context) {
        Map<String, String> labels = new LinkedHashMap<>(r.stringMap(key));
        for (Entry e : r.mapEntries(key)) {
            if (!Names.isValidLabelName(e.key()) || e.key().equals("__name__")) {
                r.problems()
                        .add(e.keyLocation(), r.pathOf(key).child(e.key()), context + "invalid label name: " + e.key());
                labels.remove(e.key());
            }
        }
        return labels;
    }
}
