package dev.vigil.ui.api;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metadata.MetricMetadata;
import dev.vigil.ui.json.ApiJson;
import dev.vigil.ui.status.ActiveTarget;
import dev.vigil.ui.status.PoolTargets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/metadata} (metadata by metric name over all targets) and {@code /api/v1/targets/metadata}
 * (metadata per target), from what the scrape loops remember of their targets' TYPE, HELP and UNIT lines. Prometheus
 * walks targets in map order; Vigil walks pools by name and families by name, so that {@code limit} picks the same
 * entries every time.
 */
final class MetadataEndpoints {
    private final Supplier<ApiBackend> backend;

    MetadataEndpoints(Supplier<ApiBackend> backend) {
        this.backend = backend;
    }

    private static int optionalNumber(ApiRequest r, String name) {
        String value = r.param(name);
        if (value.isEmpty()) {
            return -1;
        }
        try {
            return GoStrconv.atoi(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badData(name + " must be a number");
        }
    }

    private record Meta(String type, String help, String unit) {}

    ApiReply metricMetadata(ApiRequest r) {
        int limit = optionalNumber(r, "limit");
        int limitPerMetric = optionalNumber(r, "limit_per_metric");
        String metric = r.param("metric");
        Map<String, Set<Meta>> byMetric = new TreeMap<>(Labels::compareStrings);
        for (PoolTargets pool : TargetsEndpoints.sortedPools(backend.get())) {
            for (ActiveTarget t : pool.active()) {
                List<MetricMetadata> found = metric.isEmpty()
                        ? t.metadata().list()
                        : t.metadata().get(metric).stream().toList();
                for (MetricMetadata m : found) {
                    Set<Meta> set = byMetric.computeIfAbsent(m.metricFamily(), k -> new LinkedHashSet<>());
                    if (limitPerMetric <= 0 || set.size() < limitPerMetric) {
                        set.add(new Meta(m.type(), m.help(), m.unit()));
                    }
                }
            }
        }
        return ApiReply.data(json -> {
            json.startObject();
            int n = 0;
            for (Map.Entry<String, Set<Meta>> e : byMetric.entrySet()) {
                if (limit >= 0 && n >= limit) {
                    break;
                }
                json.field(e.getKey());
                json.startArray();
                for (Meta m : e.getValue()) {
                    json.startObject();
                    writeMeta(json, m.type(), m.help(), m.unit());
                    json.endObject();
                }
                json.endArray();
                n++;
            }
            json.endObject();
        });
    }

    ApiReply targetMetadata(ApiRequest r) {
        int limit = optionalNumber(r, "limit");
        String matchTarget = r.param("match_target");
        Matcher[] matchers = null;
        if (!matchTarget.isEmpty()) {
            try {
                matchers = MatcherSets.parseOne(matchTarget);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("match_target", e.getMessage());
            }
        }
        String metric = r.param("metric");
        List<TargetMetadata> rows = new ArrayList<>();
        for (PoolTargets pool : TargetsEndpoints.sortedPools(backend.get())) {
            for (ActiveTarget t : pool.active()) {
                // As in Prometheus, the limit is checked per target, so a target's whole list may overshoot it.
                if (limit >= 0 && rows.size() >= limit) {
                    break;
                }
                if (matchers != null && !matchesAll(t.labels(), matchers)) {
                    continue;
                }
                if (metric.isEmpty()) {
                    for (MetricMetadata m : t.metadata().list()) {
                        rows.add(new TargetMetadata(t.labels(), m, true));
                    }
                } else {
                    Optional<MetricMetadata> m = t.metadata().get(metric);
                    m.ifPresent(md -> rows.add(new TargetMetadata(t.labels(), md, false)));
                }
            }
        }
        return ApiReply.data(json -> {
            json.startArray();
            for (TargetMetadata row : rows) {
                json.startObject();
                json.field("target");
                json.labels(row.target);
                if (row.withName) {
                    json.field("metric");
                    json.string(row.metadata.metricFamily());
                }
                writeMeta(json, row.metadata.type(), row.metadata.help(), row.metadata.unit());
                json.endObject();
            }
            json.endArray();
        });
    }

    private record TargetMetadata(Labels target, MetricMetadata metadata, boolean withName) {}

    private static boolean matchesAll(Labels labels, Matcher[] matchers) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static void writeMeta(ApiJson json, String type, String help, String unit) throws IOException {
        json.field("type");
        json.string(type);
        json.field("help");
        json.string(help);
        json.field("unit");
        json.string(unit);
    }
}
