package dev.vigil.ui.api;

import dev.vigil.model.labels.Labels;
import dev.vigil.ui.json.ApiJson;
import dev.vigil.ui.status.ActiveTarget;
import dev.vigil.ui.status.PoolTargets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/targets} ({@code state}: active, dropped or any; {@code scrapePool}) and {@code
 * /api/v1/scrape_pools}, in Prometheus 3's shapes. Pools are listed by name, targets in their pool's order.
 */
final class TargetsEndpoints {
    private final Supplier<ApiBackend> backend;
    private final ApiSettings.GlobalUrlOptions globalUrl;

    TargetsEndpoints(Supplier<ApiBackend> backend, ApiSettings.GlobalUrlOptions globalUrl) {
        this.backend = backend;
        this.globalUrl = globalUrl;
    }

    /** The view's pools sorted by name. */
    static List<PoolTargets> sortedPools(ApiBackend backend) {
        List<PoolTargets> pools = new ArrayList<>(backend.targets().pools());
        pools.sort(Comparator.comparing(PoolTargets::scrapePool, Labels::compareStrings));
        return pools;
    }

    ApiReply scrapePools(ApiRequest r) {
        List<String> names = new ArrayList<>(backend.get().targets().scrapePools());
        names.sort(Labels::compareStrings);
        return ApiReply.data(json -> {
            json.startObject();
            json.field("scrapePools");
            json.strings(names);
            json.endObject();
        });
    }

    ApiReply targets(ApiRequest r) {
        String pool = r.queryParam("scrapePool");
        String state = r.queryParam("state").toLowerCase(Locale.ROOT);
        boolean showActive = state.isEmpty() || state.equals("any") || state.equals("active");
        boolean showDropped = state.isEmpty() || state.equals("any") || state.equals("dropped");
        List<PoolTargets> pools = sortedPools(backend.get());
        return ApiReply.data(json -> {
            json.startObject();
            json.field("activeTargets");
            json.startArray();
            if (showActive) {
                for (PoolTargets p : pools) {
                    if (pool.isEmpty() || pool.equals(p.scrapePool())) {
                        for (ActiveTarget t : p.active()) {
                            writeActive(json, p.scrapePool(), t);
                        }
                    }
                }
            }
            json.endArray();
            json.field("droppedTargets");
            json.startArray();
            if (showDropped) {
                for (PoolTargets p : pools) {
                    if (pool.isEmpty() || pool.equals(p.scrapePool())) {
                        for (Labels discovered : p.dropped()) {
                            json.startObject();
                            json.field("discoveredLabels");
                            json.labels(discovered);
                            json.field("scrapePool");
                            json.string(p.scrapePool());
                            json.endObject();
                        }
                    }
                }
            }
            json.endArray();
            json.field("droppedTargetCounts");
            if (showDropped) {
                TreeMap<String, Integer> counts = new TreeMap<>(Labels::compareStrings);
                pools.forEach(p -> counts.put(p.scrapePool(), p.droppedCount()));
                json.startObject();
                for (var e : counts.entrySet()) {
                    json.field(e.getKey());
                    json.number(e.getValue());
                }
                json.endObject();
            } else {
                json.nullValue();
            }
            json.endObject();
        });
    }

    private void writeActive(ApiJson json, String pool, ActiveTarget t) throws IOException {
        GlobalUrl.Result global = GlobalUrl.of(t.scrapeUrl(), globalUrl);
        String lastError = t.lastError();
        if (global.error() != null) {
            lastError = lastError + ": " + global.error();
        }
        json.startObject();
        json.field("discoveredLabels");
        json.labels(t.discoveredLabels());
        json.field("labels");
        json.labels(t.labels());
        json.field("scrapePool");
        json.string(pool);
        json.field("scrapeUrl");
        json.string(t.scrapeUrl());
        json.field("globalUrl");
        json.string(global.url());
        json.field("lastError");
        json.string(lastError);
        json.field("lastScrape");
        json.time(t.lastScrape());
        json.field("lastScrapeDuration");
        json.jsonNumber(t.lastScrapeDurationSeconds());
        json.field("health");
        json.string(t.health());
        json.field("scrapeInterval");
        json.string(t.scrapeInterval());
        json.field("scrapeTimeout");
        json.string(t.scrapeTimeout());
        json.endObject();
    }
}
