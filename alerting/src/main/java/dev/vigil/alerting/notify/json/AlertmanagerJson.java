package dev.vigil.alerting.notify.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.AlertStatus;
import dev.vigil.alerting.notify.Silence;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager API v2 JSON bodies for silences ({@code /api/v2/silences}, {@code /api/v2/silence/{id}}) and alerts
 * ({@code /api/v2/alerts}), plus the stored form of silences. Parsing errors are {@link IllegalArgumentException}s
 * that name the offending field, e.g. {@code [0].labels: expected an object of strings}. Stateless and thread-safe.
 */
public final class AlertmanagerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AlertmanagerJson() {}

    /** A silence as posted: its id when it updates an existing silence, and what it asks for. */
    public record PostableSilence(Optional<String> id, Silence.Spec spec) {}

    public static PostableSilence readPostableSilence(String json) {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object for a silence");
        }
        Optional<String> id = optionalText(root, "id", "").filter(s -> !s.isEmpty());
        return new PostableSilence(id, spec(root, ""));
    }

    /** {@code {"silenceID":"..."}}, the response to a successful post. */
    public static String writeSilenceId(String id) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("silenceID", id);
        return node.toString();
    }

    /** A silence as {@code GET /api/v2/silence/{id}} returns it, with its state at {@code now}. */
    public static String writeSilence(Silence silence, Instant now) {
        return gettableSilence(silence, now).toString();
    }

    /** The list {@code GET /api/v2/silences} returns. */
    public static String writeSilences(List<Silence> silences, Instant now) {
        ArrayNode array = MAPPER.createArrayNode();
        silences.forEach(s -> array.add(gettableSilence(s, now)));
        return array.toString();
    }

    /** Alerts as posted to {@code /api/v2/alerts}; a missing {@code startsAt} becomes {@code now}. */
    public static List<Alert> readPostableAlerts(String json, Instant now) {
        JsonNode root = parse(json);
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of alerts");
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String path = "[" + i + "]";
            JsonNode a = root.get(i);
            if (!a.isObject()) {
                throw new IllegalArgumentException(path + ": expected an object");
            }
            Map<String, String> labels = stringMap(a, "labels", path);
            Map<String, String> annotations = stringMap(a, "annotations", path);
            Instant startsAt = optionalTime(a, "startsAt", path).orElse(now);
            Optional<Instant> endsAt = optionalTime(a, "endsAt", path);
            String generatorURL = optionalText(a, "generatorURL", path).orElse("");
            alerts.add(Alert.of(Labels.fromMap(labels), annotations, startsAt, endsAt, generatorURL));
        }
        return alerts;
    }

    /**
     * Alerts as Prometheus posts them to {@code POST /api/v2/alerts}: labels, annotations, start, end and generator
     * URL of each.
     */
    public static String writePostableAlerts(List<Alert> alerts) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Alert a : alerts) {
            ObjectNode node = array.addObject();
            node.set("annotations", stringObject(a.annotations()));
            a.endsAt().ifPresent(end -> node.put("endsAt", formatTime(end)));
            node.put("startsAt", formatTime(a.startsAt()));
            node.put("generatorURL", a.generatorURL());
            node.set("labels", stringObject(a.labels().toMap()));
        }
        return array.toString();
    }

    /** The list {@code GET /api/v2/alerts} returns. */
    public static String writeAlerts(List<AlertStatus> alerts) {
        ArrayNode array = MAPPER.createArrayNode();
        for (AlertStatus s : alerts) {
            Alert a = s.alert();
            ObjectNode node = array.addObject();
            node.set("annotations", stringObject(a.annotations()));
            node.put("endsAt", formatTime(a.endsAt().orElse(a.startsAt())));
            node.put("fingerprint", a.fingerprintHex());
            ArrayNode receivers = node.putArray("receivers");
            s.receivers().forEach(r -> receivers.addObject().put("name", r));
            node.put("startsAt", formatTime(a.startsAt()));
            ObjectNode status = node.putObject("status");
            ArrayNode inhibitedBy = status.putArray("inhibitedBy");
            s.inhibitedBy().forEach(inhibitedBy::add);
            ArrayNode silencedBy = status.putArray("silencedBy");
            s.silencedBy().forEach(silencedBy::add);
            status.putArray("mutedBy");
            status.put("state", s.state());
            node.put("updatedAt", formatTime(a.updatedAt()));
            node.put("generatorURL", a.generatorURL());
            node.set("labels", stringObject(a.labels().toMap()));
        }
        return array.toString();
    }

    /** The persisted form of a silence (the API form without state). */
    public static byte[] writeStoredSilence(Silence silence) {
        ObjectNode node = silenceBody(silence);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Silence readStoredSilence(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored silence is not JSON: " + e.getMessage(), e);
        }
        Silence.Spec spec = spec(root, "");
        return new Silence(
                optionalText(root, "id", "")
                        .orElseThrow(() -> new IllegalArgumentException("stored silence has no id")),
                spec.matchers(),
                spec.startsAt(),
                spec.endsAt(),
                optionalTime(root, "updatedAt", "").orElse(spec.startsAt()),
                spec.createdBy(),
                spec.comment());
    }

    /** Alertmanager's API time format: RFC 3339 in UTC with milliseconds. */
    public static String formatTime(Instant t) {
        return API_TIME.format(t);
    }

    private static ObjectNode gettableSilence(Silence silence, Instant now) {
        ObjectNode node = silenceBody(silence);
        node.putObject("status").put("state", silence.state(now).apiName());
        return node;
    }

    private static ObjectNode silenceBody(Silence silence) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", silence.id());
        ArrayNode matchers = node.putArray("matchers");
        for (Matcher m : silence.matchers()) {
            ObjectNode mn = matchers.addObject();
            mn.put("name", m.name());
            mn.put("value", m.value());
            mn.put("isRegex", m.type().isRegex());
            mn.put("isEqual", !m.type().isNegative());
        }
        node.put("startsAt", formatTime(silence.startsAt()));
        node.put("endsAt", formatTime(silence.endsAt()));
        node.put("updatedAt", formatTime(silence.updatedAt()));
        node.put("createdBy", silence.createdBy());
        node.put("comment", silence.comment());
        return node;
    }

    private static Silence.Spec spec(JsonNode root, String path) {
        JsonNode matchersNode = root.get("matchers");
        if (matchersNode == null || !matchersNode.isArray()) {
            throw new IllegalArgumentException(join(path, "matchers") + ": expected an array of matchers");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < matchersNode.size(); i++) {
            String mpath = join(path, "matchers") + "[" + i + "]";
            JsonNode m = matchersNode.get(i);
            String name = requiredText(m, "name", mpath);
            String value = optionalText(m, "value", mpath).orElse("");
            boolean isRegex = requiredBool(m, "isRegex", mpath, null);
            boolean isEqual = requiredBool(m, "isEqual", mpath, true);
            MatchType type = isRegex
                    ? (isEqual ? MatchType.REGEX : MatchType.NOT_REGEX)
                    : (isEqual ? MatchType.EQUAL : MatchType.NOT_EQUAL);
            try {
                matchers.add(Matcher.of(type, name, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(mpath + ": " + e.getMessage(), e);
            }
        }
        Instant startsAt = optionalTime(root, "startsAt", path)
                .orElseThrow(() -> new IllegalArgumentException(join(path, "startsAt") + ": required"));
        Instant endsAt = optionalTime(root, "endsAt", path)
                .orElseThrow(() -> new IllegalArgumentException(join(path, "endsAt") + ": required"));
        String createdBy = optionalText(root, "createdBy", path).orElse("");
        String comment = optionalText(root, "comment", path).orElse("");
        return new Silence.Spec(matchers, startsAt, endsAt, createdBy, comment);
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Optional<String> optionalText(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(join(path, field) + ": expected a string");
        }
        return Optional.of(v.asText());
    }

    private static String requiredText(JsonNode node, String field, String path) {
        return optionalText(node, field, path)
                .orElseThrow(() -> new IllegalArgumentException(join(path, field) + ": required"));
    }

    private static boolean requiredBool(JsonNode node, String field, String path, Boolean defaultValue) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (defaultValue == null) {
                throw new IllegalArgumentException(join(path, field) + ": required");
            }
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(join(path, field) + ": expected true or false");
        }
        return v.asBoolean();
    }

    private static Optional<Instant> optionalTime(JsonNode node, String field, String path) {
        Optional<String> text = optionalText(node, field, path).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant t = OffsetDateTime.parse(text.get()).toInstant();
            // Go's zero time means "not set" in Alertmanager's API.
            return t.getEpochSecond() <= -62135596800L ? Optional.empty() : Optional.of(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(join(path, field) + ": invalid RFC 3339 time \"" + text.get() + "\"", e);
        }
    }

    private static Map<String, String> stringMap(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new IllegalArgumentException(join(path, field) + ": expected an object of strings");
        }
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(join(path, field) + "." + e.getKey() + ": expected a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static ObjectNode stringObject(Map<String, String> map) {
        ObjectNode node = MAPPER.createObjectNode();
        new java.util.TreeMap<>(map).forEach(node::put);
        return node;
    }
}
