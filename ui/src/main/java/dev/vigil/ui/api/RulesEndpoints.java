package dev.vigil.ui.api;

import dev.vigil.model.labels.Matcher;
import dev.vigil.ui.json.ApiJson;
import dev.vigil.ui.json.FloatFormatter.Style;
import dev.vigil.ui.status.AlertStatus;
import dev.vigil.ui.status.AlertingRuleStatus;
import dev.vigil.ui.status.RecordingRuleStatus;
import dev.vigil.ui.status.RuleGroupStatus;
import dev.vigil.ui.status.RuleStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/v1/rules} (with Prometheus 3's filters {@code type}, {@code rule_name[]}, {@code rule_group[]}, {@code
 * file[]}, {@code match[]}, {@code exclude_alerts} and {@code group_limit}/{@code group_next_token} paging), {@code
 * /api/v1/alerts} and {@code /api/v1/alertmanagers}, from the {@link dev.vigil.ui.status.RulesView} and {@link
 * dev.vigil.ui.status.AlertmanagersView} the server wires in.
 */
final class RulesEndpoints {
    private final Supplier<ApiBackend> backend;

    RulesEndpoints(Supplier<ApiBackend> backend) {
        this.backend = backend;
    }

    private record Page(long maxGroups, String nextToken) {}

    ApiReply rules(ApiRequest r) {
        Set<String> ruleNames = new HashSet<>(r.params("rule_name[]"));
        Set<String> groupNames = new HashSet<>(r.params("rule_group[]"));
        Set<String> files = new HashSet<>(r.params("file[]"));
        List<Matcher[]> matcherSets;
        try {
            matcherSets = MatcherSets.parse(r.params("match[]"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badData(e.getMessage());
        }
        String type = r.queryParam("type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiException.invalidParameter("type", "not supported value \"" + type + "\"");
        }
        boolean alerts = type.isEmpty() || type.equals("alert");
        boolean recording = type.isEmpty() || type.equals("record");
        boolean excludeAlerts = excludeAlerts(r);
        Page page = page(r);

        List<GroupOut> out = new ArrayList<>();
        String nextToken = null;
        boolean foundToken = false;
        for (RuleGroupStatus g : backend.get().rules().ruleGroups()) {
            String token = token(g);
            if (page.maxGroups > 0 && !page.nextToken.isEmpty() && !foundToken) {
                if (!page.nextToken.equals(token)) {
                    continue;
                }
                foundToken = true;
            }
            if ((!groupNames.isEmpty() && !groupNames.contains(g.name()))
                    || (!files.isEmpty() && !files.contains(g.file()))) {
                continue;
            }
            List<RuleStatus> rules = new ArrayList<>();
            for (RuleStatus rule : g.rules()) {
                if (!matcherSets.isEmpty() && !matchesAnySet(rule, matcherSets)) {
                    continue;
                }
                if (!ruleNames.isEmpty() && !ruleNames.contains(rule.name())) {
                    continue;
                }
                if ((rule instanceof AlertingRuleStatus && alerts)
                        || (rule instanceof RecordingRuleStatus && recording)) {
                    rules.add(rule);
                }
            }
            if (rules.isEmpty()) {
                continue;
            }
            if (page.maxGroups > 0 && out.size() == page.maxGroups) {
                nextToken = token;
                break;
            }
            out.add(new GroupOut(g, rules));
        }
        if (page.maxGroups > 0 && !page.nextToken.isEmpty() && !foundToken) {
            throw ApiException.invalidParameter(
                    "group_next_token", "invalid group_next_token '" + page.nextToken + "'. were rule groups changed?");
        }
        String token = nextToken;
        return ApiReply.data(json -> {
            json.startObject();
            json.field("groups");
            json.startArray();
            for (GroupOut g : out) {
                writeGroup(json, g, excludeAlerts);
            }
            json.endArray();
            if (token != null) {
                json.field("groupNextToken");
                json.string(token);
            }
            json.endObject();
        });
    }

    private record GroupOut(RuleGroupStatus group, List<RuleStatus> rules) {}

    private static boolean excludeAlerts(ApiRequest r) {
        String value = r.queryParam("exclude_alerts").toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return false;
        }
        try {
            return GoStrconv.parseBool(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("exclude_alerts", "error converting exclude_alerts: " + e.getMessage());
        }
    }

    private static Page page(ApiRequest r) {
        String limit = r.queryParam("group_limit");
        String token = r.queryParam("group_next_token");
        if (!token.isEmpty() && limit.isEmpty()) {
            throw ApiException.invalidParameter(
                    "group_next_token", "group_limit needs to be present in order to paginate over the groups");
        }
        if (limit.isEmpty()) {
            return new Page(-1, "");
        }
        long max;
        try {
            max = GoStrconv.atoi(limit);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter(
                    "group_limit",
                    "group_limit needs to be a valid number: "
                            + e.getMessage().replace("strconv.Atoi", "strconv.ParseInt"));
        }
        if (max <= 0) {
            throw ApiException.invalidParameter("group_limit", "group_limit needs to be greater than 0");
        }
        return new Page(max, token);
    }

    /** Prometheus's paging token: the SHA-256 of {@code file;group} in hex. */
    private static String token(RuleGroupStatus g) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((g.file() + ";" + g.name()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static boolean matchesAnySet(RuleStatus rule, List<Matcher[]> sets) {
        for (Matcher[] set : sets) {
            boolean all = true;
            for (Matcher m : set) {
                all &= m.matches(rule.labels());
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static void writeGroup(ApiJson json, GroupOut out, boolean excludeAlerts) throws IOException {
        RuleGroupStatus g = out.group;
        json.startObject();
        json.field("name");
        json.string(g.name());
        json.field("file");
        json.string(g.file());
        json.field("rules");
        json.startArray();
        for (RuleStatus rule : out.rules) {
            if (rule instanceof AlertingRuleStatus a) {
                writeAlertingRule(json, a, excludeAlerts);
            } else {
                writeRecordingRule(json, (RecordingRuleStatus) rule);
            }
        }
        json.endArray();
        json.field("interval");
        json.jsonNumber(g.intervalSeconds());
        json.field("limit");
        json.number(g.limit());
        json.field("evaluationTime");
        json.jsonNumber(g.evaluationTimeSeconds());
        json.field("lastEvaluation");
        json.time(g.lastEvaluation());
        json.endObject();
    }

    private static void writeAlertingRule(ApiJson json, AlertingRuleStatus a, boolean excludeAlerts)
            throws IOException {
        json.startObject();
        json.field("state");
        json.string(a.state().text());
        json.field("name");
        json.string(a.name());
        json.field("query");
        json.string(a.query());
        json.field("duration");
        json.jsonNumber(a.durationSeconds());
        json.field("keepFiringFor");
        json.jsonNumber(a.keepFiringForSeconds());
        json.field("labels");
        json.labels(a.labels());
        json.field("annotations");
        json.labels(a.annotations());
        json.field("alerts");
        if (excludeAlerts) {
            json.nullValue();
        } else {
            writeAlerts(json, a.alerts());
        }
        writeOutcome(json, a);
        json.field("type");
        json.string("alerting");
        json.endObject();
    }

    private static void writeRecordingRule(ApiJson json, RecordingRuleStatus r) throws IOException {
        json.startObject();
        json.field("name");
        json.string(r.name());
        json.field("query");
        json.string(r.query());
        json.field("labels");
        json.labels(r.labels());
        writeOutcome(json, r);
        json.field("type");
        json.string("recording");
        json.endObject();
    }

    /** {@code health}, {@code lastError} (when set), {@code evaluationTime}, {@code lastEvaluation}. */
    private static void writeOutcome(ApiJson json, RuleStatus rule) throws IOException {
        json.field("health");
        json.string(rule.health().text());
        if (!rule.lastError().isEmpty()) {
            json.field("lastError");
            json.string(rule.lastError());
        }
        json.field("evaluationTime");
        json.jsonNumber(rule.evaluationTimeSeconds());
        json.field("lastEvaluation");
        json.time(rule.lastEvaluation());
    }

    static void writeAlerts(ApiJson json, List<AlertStatus> alerts) throws IOException {
        json.startArray();
        for (AlertStatus alert : alerts) {
            json.startObject();
            json.field("labels");
            json.labels(alert.labels());
            json.field("annotations");
            json.labels(alert.annotations());
            json.field("state");
            json.string(alert.state().text());
            json.field("activeAt");
            json.time(alert.activeAt());
            if (alert.keepFiringSince() != null) {
                json.field("keepFiringSince");
                json.time(alert.keepFiringSince());
            }
            json.field("value");
            json.floatString(alert.value(), Style.EXPONENT);
            json.endObject();
        }
        json.endArray();
    }

    ApiReply alerts(ApiRequest r) {
        List<AlertStatus> all = new ArrayList<>();
        for (RuleGroupStatus g : backend.get().rules().ruleGroups()) {
            for (RuleStatus rule : g.rules()) {
                if (rule instanceof AlertingRuleStatus a) {
                    all.addAll(a.alerts());
                }
            }
        }
        return ApiReply.data(json -> {
            json.startObject();
            json.field("alerts");
            writeAlerts(json, all);
            json.endObject();
        });
    }

    ApiReply alertmanagers(ApiRequest r) {
        List<String> active = backend.get().alertmanagers().activeAlertmanagers();
        List<String> dropped = backend.get().alertmanagers().droppedAlertmanagers();
        return ApiReply.data(json -> {
            json.startObject();
            json.field("activeAlertmanagers");
            writeUrls(json, active);
            json.field("droppedAlertmanagers");
            writeUrls(json, dropped);
            json.endObject();
        });
    }

    private static void writeUrls(ApiJson json, List<String> urls) throws IOException {
        json.startArray();
        for (String url : urls) {
            json.startObject();
            json.field("url");
            json.string(url);
            json.endObject();
        }
        json.endArray();
    }
}
