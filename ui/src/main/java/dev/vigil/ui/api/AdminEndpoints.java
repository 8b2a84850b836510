package dev.vigil.ui.api;

import dev.vigil.model.labels.Matcher;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.model.storage.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /api/v1/admin/tsdb/delete_series}, {@code clean_tombstones} and {@code snapshot}, through the storage's
 * {@link StorageAdmin}. Without {@code --web.enable-admin-api} every call fails with Prometheus's {@code unavailable}
 * error {@code admin APIs disabled}.
 */
final class AdminEndpoints {
    private final Supplier<ApiBackend> backend;
    private final boolean enabled;

    AdminEndpoints(Supplier<ApiBackend> backend, boolean enabled) {
        this.backend = backend;
        this.enabled = enabled;
    }

    private StorageAdmin admin() {
        if (!enabled) {
            throw new ApiException(ErrorType.UNAVAILABLE, "admin APIs disabled");
        }
        StorageAdmin admin = backend.get().admin();
        if (admin == null) {
            throw new ApiException(ErrorType.INTERNAL, "this storage has no admin operations");
        }
        return admin;
    }

    ApiReply deleteSeries(ApiRequest r) {
        StorageAdmin admin = admin();
        List<String> selectors = r.params("match[]");
        if (selectors.isEmpty()) {
            throw ApiException.badData("no match[] parameter provided");
        }
        long start = Params.timeParam(r, "start", Params.MIN_TIME_MS);
        long end = Params.timeParam(r, "end", Params.MAX_TIME_MS);
        List<Matcher[]> sets = new ArrayList<>(selectors.size());
        for (String selector : selectors) {
            try {
                sets.add(MatcherSets.parseOne(selector));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("match[]", e.getMessage());
            }
        }
        for (Matcher[] matchers : sets) {
            admin.deleteSeries(start, end, matchers);
        }
        return ApiReply.noContent();
    }

    ApiReply cleanTombstones(ApiRequest r) {
        admin().cleanTombstones();
        return ApiReply.noContent();
    }

    ApiReply snapshot(ApiRequest r) {
        StorageAdmin admin = admin();
        boolean skipHead = false;
        String text = r.param("skip_head");
        if (!text.isEmpty()) {
            try {
                skipHead = GoStrconv.parseBool(text);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("skip_head", "unable to parse boolean: " + e.getMessage());
            }
        }
        Path dir;
        try {
            dir = admin.snapshot(skipHead);
        } catch (StorageException e) {
            throw new ApiException(ErrorType.INTERNAL, "create snapshot: " + e.getMessage());
        }
        String name = dir.getFileName().toString();
        return ApiReply.data(json -> {
            json.startObject();
            json.field("name");
            json.string(name);
            json.endObject();
        });
    }
}
