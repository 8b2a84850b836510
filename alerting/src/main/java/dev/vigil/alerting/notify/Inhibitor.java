package dev.vigil.alerting.notify;

import dev.vigil.config.notifications.InhibitRuleConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies inhibition rules: a firing alert matching a rule's source matchers mutes alerts matching its target
 * matchers that have the same values for the rule's {@code equal} labels (an absent label counts as the empty
 * value). An alert never inhibits itself. Source alerts are indexed per rule by their {@code equal} values, so a
 * check costs one map lookup per rule. Thread-safe.
 */
public final class Inhibitor {
    private final List<Rule> rules;

    public Inhibitor(List<InhibitRuleConfig> configs) {
        List<Rule> built = new ArrayList<>();
        for (InhibitRuleConfig c : configs) {
            built.add(new Rule(c));
        }
        this.rules = List.copyOf(built);
    }

    private static final class Rule {
        final InhibitRuleConfig config;
        /** equal-label values → fingerprint → source alert. */
        final Map<String, Map<Long, Alert>> sources = new HashMap<>();

        Rule(InhibitRuleConfig config) {
            this.config = config;
        }

        String equalKey(Labels labels) {
            StringBuilder key = new StringBuilder();
            for (String name : config.equal()) {
                String v = labels.get(name);
                key.append(v == null ? "" : v).append('\u0000');
            }
            return key.toString();
        }
    }

    /** Records a new or updated alert as a possible source. */
    public synchronized void observe(Alert alert) {
        for (Rule rule : rules) {
            if (matchesAll(rule.config.sourceMatchers(), alert.labels())) {
                rule.sources
                        .computeIfAbsent(rule.equalKey(alert.labels()), k -> new HashMap<>())
                        .put(alert.fingerprint(), alert);
            }
        }
    }

    /** Forgets an alert (it was garbage-collected). */
    public synchronized void forget(Alert alert) {
        for (Rule rule : rules) {
            Map<Long, Alert> bucket = rule.sources.get(rule.equalKey(alert.labels()));
            if (bucket != null) {
                bucket.remove(alert.fingerprint());
                if (bucket.isEmpty()) {
                    rule.sources.remove(rule.equalKey(alert.labels()));
                }
            }
        }
    }

    /** The fingerprints of the firing alerts that inhibit {@code labels} at {@code now}; empty when not inhibited. */
    public synchronized List<Long> inhibitedBy(Labels labels, Instant now) {
        List<Long> by = new ArrayList<>();
        long self = labels.hash();
        for (Rule rule : rules) {
            if (!matchesAll(rule.config.targetMatchers(), labels)) {
                continue;
            }
            Map<Long, Alert> bucket = rule.sources.get(rule.equalKey(labels));
            if (bucket == null) {
                continue;
            }
            for (Alert source : bucket.values()) {
                if (source.fingerprint() != self && !source.isResolvedAt(now)) {
                    by.add(source.fingerprint());
                }
            }
        }
        return by;
    }

    private static boolean matchesAll(List<Matcher> matchers, Labels labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
