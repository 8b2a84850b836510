package dev.vigil.alerting.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alerting.notify.Alert;
import dev.vigil.alerting.notify.AlertStatus;
import dev.vigil.alerting.notify.NotificationService;
import dev.vigil.alerting.notify.Silence;
import dev.vigil.alerting.notify.SilenceException;
import dev.vigil.alerting.notify.SilenceState;
import dev.vigil.alerting.notify.json.AlertmanagerJson;
import dev.vigil.config.notifications.AlertmanagerMatchers;
import dev.vigil.config.notifications.NotificationsConfig;
import dev.vigil.config.notifications.ReceiverConfig;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.log.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Alertmanager's API v2 over a {@link NotificationService}: silences (list, create or update, get, expire), alerts
 * (list with Alertmanager's filters, post), receivers and status. Bodies and errors have Alertmanager's shapes (see
 * {@link ApiException}). Until the service exists (storage still opening) every call answers 503.
 *
 * <pre>{@code
 * new AlertmanagerApi(() -> notifications, statusInfo).addTo(router);
 * }</pre>
 *
 * <p>Thread-safe. Handlers run on the event loop only to parse and answer; the service is called through
 * {@code executeBlocking}, since silences are persisted on every change.
 */
public final class AlertmanagerApi {
    private static final Log log = Log.get(AlertmanagerApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long MAX_BODY_BYTES = 16L << 20;

    private final Supplier<NotificationService> service;
    private final StatusInfo status;

    public AlertmanagerApi(Supplier<NotificationService> service, StatusInfo status) {
        this.service = Objects.requireNonNull(service, "service");
        this.status = Objects.requireNonNull(status, "status");
    }

    public void addTo(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(MAX_BODY_BYTES);
        router.get("/api/v2/status").handler(ctx -> run(ctx, () -> ok(status(ctx))));
        router.get("/api/v2/receivers").handler(ctx -> run(ctx, () -> ok(receivers(notifier()))));
        router.get("/api/v2/alerts").handler(ctx -> run(ctx, () -> ok(listAlerts(ctx))));
        router.post("/api/v2/alerts").handler(body).handler(ctx -> run(ctx, () -> postAlerts(ctx)));
        router.get("/api/v2/silences").handler(ctx -> run(ctx, () -> ok(listSilences(ctx))));
        router.post("/api/v2/silences").handler(body).handler(ctx -> run(ctx, () -> ok(postSilence(ctx))));
        router.route(HttpMethod.GET, "/api/v2/silence/:id").handler(ctx -> run(ctx, () -> ok(getSilence(ctx))));
        router.route(HttpMethod.DELETE, "/api/v2/silence/:id").handler(ctx -> run(ctx, () -> deleteSilence(ctx)));
    }

    private record Response(int status, String body) {}

    private static Response ok(String json) {
        return new Response(200, json);
    }

    private NotificationService notifier() throws ApiException {
        NotificationService s = service.get();
        if (s == null) {
            throw ApiException.payload(503, "the notifier is not running yet");
        }
        return s;
    }

    /** Runs {@code work} off the event loop and answers with its result or error. */
    private static void run(RoutingContext ctx, Callable<Response> work) {
        ctx.vertx().executeBlocking(work, false).onComplete(ar -> {
            Response r;
            if (ar.succeeded()) {
                r = ar.result();
            } else if (ar.cause() instanceof ApiException e) {
                r = new Response(e.status, e.body);
            } else {
                log.error(
                        "Alertmanager API request failed",
                        ar.cause(),
                        "path",
                        ctx.request().path());
                r = new Response(
                        500, MAPPER.valueToTree(String.valueOf(ar.cause())).toString());
            }
            var response = ctx.response().setStatusCode(r.status());
            if (r.body().isEmpty()) {
                response.end();
            } else {
                response.putHeader("Content-Type", "application/json").end(r.body());
            }
        });
    }

    // ---- status and receivers

    private String status(RoutingContext ctx) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode cluster = root.putObject("cluster");
        cluster.put("status", "disabled");
        cluster.putArray("peers");
        ObjectNode version = root.putObject("versionInfo");
        version.put("branch", status.branch());
        version.put("buildDate", status.buildDate());
        version.put("buildUser", status.buildUser());
        version.put("goVersion", status.runtimeVersion());
        version.put("revision", status.revision());
        version.put("version", status.version());
        root.putObject("config").put("original", status.originalConfig().get());
        root.put("uptime", AlertmanagerJson.formatTime(status.startedAt()));
        return root.toString();
    }

    private static String receivers(NotificationService s) {
        ArrayNode out = MAPPER.createArrayNode();
        NotificationsConfig config = s.config();
        if (config != null) {
            for (ReceiverConfig r : config.receivers()) {
                out.addObject().put("name", r.name());
            }
        }
        return out.toString();
    }

    // ---- alerts

    private String listAlerts(RoutingContext ctx) throws ApiException {
        NotificationService s = notifier();
        List<Matcher> filter = filter(ctx);
        boolean active = bool(ctx, "active");
        boolean silenced = bool(ctx, "silenced");
        boolean inhibited = bool(ctx, "inhibited");
        bool(ctx, "unprocessed");
        Pattern receiver = receiverPattern(ctx);
        Instant now = s.now();
        List<AlertStatus> out = new ArrayList<>();
        for (AlertStatus a : s.alerts()) {
            if (a.alert().isResolvedAt(now) || !FilterMatching.matchesAlert(filter, a.alert())) {
                continue;
            }
            if (receiver != null
                    && a.receivers().stream().noneMatch(r -> receiver.matcher(r).matches())) {
                continue;
            }
            if ((!active && a.state().equals("active"))
                    || (!silenced && !a.silencedBy().isEmpty())
                    || (!inhibited && !a.inhibitedBy().isEmpty())) {
                continue;
            }
            out.add(a);
        }
        out.sort(Comparator.comparing(a -> a.alert().fingerprintHex()));
        return AlertmanagerJson.writeAlerts(out);
    }

    private Response postAlerts(RoutingContext ctx) throws ApiException {
        NotificationService s = notifier();
        JsonNode root = parse(ctx, "alerts", "PostableAlerts", true);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).has("labels")) {
                missing.add(i + ".labels in body is required");
            }
        }
        requireNone(missing);
        List<Alert> alerts;
        try {
            alerts = AlertmanagerJson.readPostableAlerts(root.toString(), s.now());
        } catch (IllegalArgumentException e) {
            throw ApiException.schema(ApiException.INVALID_TYPE, e.getMessage());
        }
        List<String> problems = s.put(alerts);
        if (!problems.isEmpty()) {
            throw ApiException.payload(400, String.join("\n", problems));
        }
        return new Response(200, "");
    }

    // ---- silences

    private String listSilences(RoutingContext ctx) throws ApiException {
        NotificationService s = notifier();
        List<Matcher> filter = filter(ctx);
        Instant now = s.now();
        List<Silence> out = new ArrayList<>();
        for (Silence silence : s.silences().list()) {
            if (FilterMatching.silenceHasAll(silence, filter)) {
                out.add(silence);
            }
        }
        out.sort(silenceOrder(now));
        return AlertmanagerJson.writeSilences(out, now);
    }

    /** Alertmanager's order: active (ending first), pending (starting first), expired (most recent first). */
    private static Comparator<Silence> silenceOrder(Instant now) {
        return (a, b) -> {
            SilenceState sa = a.state(now);
            SilenceState sb = b.state(now);
            if (sa != sb) {
                return Integer.compare(rank(sa), rank(sb));
            }
            return switch (sa) {
                case ACTIVE -> a.endsAt().compareTo(b.endsAt());
                case PENDING -> a.startsAt().compareTo(b.startsAt());
                case EXPIRED -> b.endsAt().compareTo(a.endsAt());
            };
        };
    }

    private static int rank(SilenceState state) {
        return switch (state) {
            case ACTIVE -> 1;
            case PENDING -> 2;
            case EXPIRED -> 3;
        };
    }

    private String postSilence(RoutingContext ctx) throws ApiException {
        NotificationService s = notifier();
        JsonNode root = parse(ctx, "silence", "PostableSilence", false);
        List<String> missing = new ArrayList<>();
        for (String field : List.of("comment", "createdBy", "endsAt", "matchers", "startsAt")) {
            if (!root.hasNonNull(field)) {
                missing.add(field + " in body is required");
            }
        }
        JsonNode matchers = root.path("matchers");
        for (int i = 0; i < matchers.size(); i++) {
            for (String field : List.of("isRegex", "name", "value")) {
                if (!matchers.get(i).hasNonNull(field)) {
                    missing.add("matchers." + i + "." + field + " in body is required");
                }
            }
        }
        requireNone(missing);
        AlertmanagerJson.PostableSilence posted;
        try {
            posted = AlertmanagerJson.readPostableSilence(root.toString());
        } catch (IllegalArgumentException e) {
            throw ApiException.schema(ApiException.INVALID_TYPE, e.getMessage());
        }
        try {
            String id = posted.id().isPresent()
                    ? s.silences().update(posted.id().get(), posted.spec())
                    : s.silences().create(posted.spec());
            return AlertmanagerJson.writeSilenceId(id);
        } catch (SilenceException e) {
            throw ApiException.payload(e.isNotFound() ? 404 : 400, e.getMessage());
        }
    }

    private String getSilence(RoutingContext ctx) throws ApiException {
        NotificationService s = notifier();
        String id = silenceId(ctx);
        Silence silence = s.silences().get(id).orElseThrow(() -> ApiException.empty(404));
        return AlertmanagerJson.writeSilence(silence, s.now());
    }

    private Response deleteSilence(RoutingContext ctx) throws ApiException {
        NotificationService s = notifier();
        String id = silenceId(ctx);
        try {
            s.silences().expire(id);
        } catch (SilenceException e) {
            throw e.isNotFound() ? ApiException.empty(404) : ApiException.payload(500, e.getMessage());
        }
        return new Response(200, "");
    }

    // ---- parameters

    private static String silenceId(RoutingContext ctx) throws ApiException {
        String id = ctx.pathParam("id");
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.schema(
                    ApiException.INVALID_TYPE, "silenceID in path must be of type uuid: \"" + id + "\"");
        }
        return id;
    }

    private static List<Matcher> filter(RoutingContext ctx) throws ApiException {
        List<Matcher> matchers = new ArrayList<>();
        for (String f : ctx.queryParam("filter")) {
            try {
                matchers.addAll(AlertmanagerMatchers.parse(f));
            } catch (IllegalArgumentException e) {
                throw ApiException.payload(400, e.getMessage());
            }
        }
        return matchers;
    }

    /** A boolean query parameter, true when absent (every Alertmanager filter flag defaults to true). */
    private static boolean bool(RoutingContext ctx, String name) throws ApiException {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return true;
        }
        String v = values.get(0);
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0")) {
            return false;
        }
        throw ApiException.schema(ApiException.INVALID_TYPE, name + " in query must be of type bool: \"" + v + "\"");
    }

    private static Pattern receiverPattern(RoutingContext ctx) throws ApiException {
        List<String> values = ctx.queryParam("receiver");
        if (values.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile("^(?:" + values.get(0) + ")$");
        } catch (PatternSyntaxException e) {
            throw ApiException.payload(400, "failed to parse receiver param: " + e.getDescription());
        }
    }

    /** The JSON body, which must be an array or an object as {@code array} says ({@code goType} names it in errors). */
    private static JsonNode parse(RoutingContext ctx, String what, String goType, boolean array) throws ApiException {
        String text = ctx.body() == null ? null : ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw ApiException.schema(ApiException.REQUIRED, what + " in body is required");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.schema(
                    400, "parsing " + what + " body from \"\" failed, because " + e.getOriginalMessage());
        }
        if (array ? !root.isArray() : !root.isObject()) {
            throw ApiException.schema(
                    400,
                    "parsing " + what + " body from \"\" failed, because json: cannot unmarshal " + kind(root)
                            + " into Go value of type models." + goType);
        }
        return root;
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "array" : node.isObject() ? "object" : node.isTextual() ? "string" : "value";
    }

    private static void requireNone(List<String> missing) throws ApiException {
        if (missing.size() == 1) {
            throw ApiException.schema(ApiException.REQUIRED, missing.get(0));
        }
        if (!missing.isEmpty()) {
            throw ApiException.schema(ApiException.REQUIRED, "validation failure list:\n" + String.join("\n", missing));
        }
    }
}
