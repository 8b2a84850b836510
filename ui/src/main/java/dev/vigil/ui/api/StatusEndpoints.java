package dev.vigil.ui.api;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.model.storage.StorageStats;
import dev.vigil.ui.json.ApiJson;
import dev.vigil.ui.status.ServerInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/status/config|flags|runtimeinfo|buildinfo|tsdb|walreplay} in Prometheus's shapes. Runtime facts that
 * are Go's in Prometheus are filled with their JVM counterparts: {@code goroutineCount} is the number of live JVM
 * threads, {@code GOMAXPROCS} the available processors, {@code GOMEMLIMIT} the maximum heap, {@code GOGC} and {@code
 * GODEBUG} the environment variables of those names (normally empty). Vigil's storage does not count repaired WAL
 * corruptions, so {@code corruptionCount} is 0.
 */
final class StatusEndpoints {
    static final int MAX_TSDB_LIMIT = 10_000;

    private final ServerInfo server;
    private final Supplier<ApiBackend> backend;
    private final Clock clock;

    StatusEndpoints(ServerInfo server, Supplier<ApiBackend> backend, Clock clock) {
        this.server = server;
        this.backend = backend;
        this.clock = clock;
    }

    ApiReply config(ApiRequest r) {
        String yaml = SecretRedaction.redact(server.configText());
        return ApiReply.data(json -> {
            json.startObject();
            json.field("yaml");
            json.string(yaml);
            json.endObject();
        });
    }

    ApiReply flags(ApiRequest r) {
        Map<String, String> flags = new TreeMap<>(Labels::compareStrings);
        flags.putAll(server.flags());
        return ApiReply.data(json -> {
            json.startObject();
            for (var e : flags.entrySet()) {
                json.field(e.getKey());
                json.string(e.getValue());
            }
            json.endObject();
        });
    }

    ApiReply buildInfo(ApiRequest r) {
        ServerInfo.BuildInfo b = server.buildInfo();
        return ApiReply.data(json -> {
            json.startObject();
            field(json, "version", b.version());
            field(json, "revision", b.revision());
            field(json, "branch", b.branch());
            field(json, "buildUser", b.buildUser());
            field(json, "buildDate", b.buildDate());
            field(json, "goVersion", b.goVersion());
            json.endObject();
        });
    }

    ApiReply runtimeInfo(ApiRequest r) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ApiException(ErrorType.INTERNAL, "error getting hostname: " + e.getMessage());
        }
        String cwd = Path.of("").toAbsolutePath().toString();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return ApiReply.data(json -> {
            json.startObject();
            json.field("startTime");
            json.time(server.startTime());
            field(json, "CWD", cwd);
            field(json, "hostname", hostname);
            json.field("serverTime");
            json.time(clock.instant());
            json.field("reloadConfigSuccess");
            json.bool(server.lastReloadSuccessful());
            json.field("lastConfigTime");
            json.time(server.lastReloadSuccessTime());
            json.field("corruptionCount");
            json.number(0);
            json.field("goroutineCount");
            json.number(threads);
            json.field("GOMAXPROCS");
            json.number(Runtime.getRuntime().availableProcessors());
            json.field("GOMEMLIMIT");
            json.number(Runtime.getRuntime().maxMemory());
            field(json, "GOGC", envOrEmpty("GOGC"));
            field(json, "GODEBUG", envOrEmpty("GODEBUG"));
            field(json, "storageRetention", server.storageRetention());
            json.endObject();
        });
    }

    private static String envOrEmpty(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    ApiReply tsdb(ApiRequest r) {
        int limit = 10;
        String text = r.param("limit");
        if (!text.isEmpty()) {
            try {
                limit = GoStrconv.atoi(text);
            } catch (IllegalArgumentException e) {
                limit = 0;
            }
            if (limit < 1) {
                throw ApiException.badData("limit must be a positive number");
            }
            if (limit > MAX_TSDB_LIMIT) {
                throw ApiException.badData("limit must not exceed " + MAX_TSDB_LIMIT);
            }
        }
        StorageAdmin admin = backend.get().admin();
        if (admin == null) {
            throw new ApiException(ErrorType.INTERNAL, "this storage does not report TSDB statistics");
        }
        StorageStats stats = admin.stats(limit);
        return ApiReply.data(json -> {
            StorageStats.HeadStats head = stats.head();
            json.startObject();
            json.field("headStats");
            json.startObject();
            json.field("numSeries");
            json.number(head.numSeries());
            json.field("numLabelPairs");
            json.number(head.numLabelPairs());
            json.field("chunkCount");
            json.number(head.chunkCount());
            json.field("minTime");
            json.number(head.minTimeMs());
            json.field("maxTime");
            json.number(head.maxTimeMs());
            json.endObject();
            entries(json, "seriesCountByMetricName", stats.seriesCountByMetricName());
            entries(json, "labelValueCountByLabelName", stats.labelValueCountByLabelName());
            entries(json, "memoryInBytesByLabelName", stats.memoryInBytesByLabelName());
            entries(json, "seriesCountByLabelValuePair", stats.seriesCountByLabelValuePair());
            json.endObject();
        });
    }

    private static void entries(ApiJson json, String field, List<StorageStats.Entry> entries) throws IOException {
        json.field(field);
        json.startArray();
        for (StorageStats.Entry e : entries) {
            json.startObject();
            json.field("name");
            json.string(e.name());
            json.field("value");
            json.number(e.value());
            json.endObject();
        }
        json.endArray();
    }

    ApiReply walReplay(ApiRequest r) {
        ServerInfo.WalReplayStatus status = server.walReplay();
        return ApiReply.data(json -> {
            json.startObject();
            json.field("min");
            json.number(status.min());
            json.field("max");
            json.number(status.max());
            json.field("current");
            json.number(status.current());
            json.endObject();
        });
    }

    private static void field(ApiJson json, String name, String value) throws IOException {
        json.field(name);
        json.string(value);
    }
}
