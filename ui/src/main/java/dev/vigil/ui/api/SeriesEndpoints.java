package dev.vigil.ui.api;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.relabel.LabelNameScheme;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.promql.ast.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code /api/v1/series}, {@code /api/v1/labels} and {@code /api/v1/label/:name/values}: lookups in the series index
 * over {@code [start, end]} (default: all time), filtered by {@code match[]}, sorted, cut at {@code limit} with
 * Prometheus's warning. Series stream from the querier as they are written.
 */
final class SeriesEndpoints {
    static final String TRUNCATED = "results truncated due to limit";

    private final Supplier<ApiBackend> backend;

    SeriesEndpoints(Supplier<ApiBackend> backend) {
        this.backend = backend;
    }

    ApiReply series(ApiRequest r) {
        List<String> selectors = r.params("match[]");
        if (selectors.isEmpty()) {
            throw ApiException.badData("no match[] parameter provided");
        }
        int limit = Params.limitParam(r);
        long start = Params.timeParam(r, "start", Params.MIN_TIME_MS);
        long end = Params.timeParam(r, "end", Params.MAX_TIME_MS);
        List<Matcher[]> sets;
        try {
            sets = MatcherSets.parse(selectors);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("match[]", e.getMessage());
        }
        Querier querier = backend.get().queryable().querier(start, end);
        List<String> warnings = new ArrayList<>();
        try {
            ApiReply.DataWriter writer;
            if (sets.size() == 1) {
                SeriesSet set = querier.select(true, sets.get(0));
                writer = json -> {
                    json.startArray();
                    int n = 0;
                    while (set.next()) {
                        if (limit > 0 && n == limit) {
                            warnings.add(TRUNCATED);
                            break;
                        }
                        json.labels(set.at().labels());
                        n++;
                    }
                    json.endArray();
                };
            } else {
                TreeSet<Labels> merged = new TreeSet<>();
                for (Matcher[] matchers : sets) {
                    SeriesSet set = querier.select(true, matchers);
                    while (set.next()) {
                        merged.add(set.at().labels());
                    }
                }
                writer = json -> {
                    json.startArray();
                    int n = 0;
                    for (Labels labels : merged) {
                        if (limit > 0 && n == limit) {
                            warnings.add(TRUNCATED);
                            break;
                        }
                        json.labels(labels);
                        n++;
                    }
                    json.endArray();
                };
            }
            return new ApiReply.Data(writer, warnings, List.of(), querier::close);
        } catch (RuntimeException e) {
            querier.close();
            throw e;
        }
    }

    ApiReply labelNames(ApiRequest r) {
        return lookup(r, Querier::labelNames);
    }

    ApiReply labelValues(ApiRequest r) {
        String name = LabelNameEscaping.unescape(r.pathParam("name"));
        if (!LabelNameScheme.UTF8.isValid(name)) {
            throw ApiException.badData("invalid label name: " + Printer.quote(name));
        }
        return lookup(r, (q, matchers) -> q.labelValues(name, matchers));
    }

    /** A sorted list of names or values from a querier, for each {@code match[]} set. */
    @FunctionalInterface
    private interface Lookup {
        List<String> find(Querier querier, Matcher... matchers);
    }

    /** Names or values over {@code [start, end]}, the union over the {@code match[]} sets, sorted, cut at limit. */
    private ApiReply lookup(ApiRequest r, Lookup lookup) {
        int limit = Params.limitParam(r);
        long start = Params.timeParam(r, "start", Params.MIN_TIME_MS);
        long end = Params.timeParam(r, "end", Params.MAX_TIME_MS);
        List<Matcher[]> sets = optionalMatchers(r);
        List<String> found;
        try (Querier q = backend.get().queryable().querier(start, end)) {
            if (sets.size() <= 1) {
                found = lookup.find(q, sets.isEmpty() ? new Matcher[0] : sets.get(0));
            } else {
                TreeSet<String> union = new TreeSet<>(Labels::compareStrings);
                for (Matcher[] matchers : sets) {
                    union.addAll(lookup.find(q, matchers));
                }
                found = new ArrayList<>(union);
            }
        }
        return limited(found, limit);
    }

    /** {@code match[]} of the label endpoints, where a bad selector is {@code bad_data} without the parameter name. */
    private static List<Matcher[]> optionalMatchers(ApiRequest r) {
        try {
            return MatcherSets.parse(r.params("match[]"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badData(e.getMessage());
        }
    }

    private static ApiReply limited(List<String> sorted, int limit) {
        if (limit > 0 && sorted.size() > limit) {
            List<String> cut = List.copyOf(sorted.subList(0, limit));
            return ApiReply.data(json -> json.strings(cut), List.of(TRUNCATED));
        }
        return ApiReply.data(json -> json.strings(sorted));
    }
}
