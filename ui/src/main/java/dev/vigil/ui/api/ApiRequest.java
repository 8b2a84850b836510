package dev.vigil.ui.api;

import dev.vigil.promql.engine.CancelHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of one API call, read the way Go's {@code http.Request} does: {@link #param} is {@code FormValue}
 * (a form-encoded body's value first, then the URL query's), {@link #params} is {@code Form[name]} (body values, then
 * query values), {@link #queryParam} reads the URL query only. Cancelled when the client disconnects.
 *
 * <p>Immutable apart from the cancel handle; safe to hand between threads.
 */
public final class ApiRequest {
    private final Map<String, List<String>> form;
    private final Map<String, List<String>> query;
    private final Map<String, String> path;
    private final long arrivalNanos;
    private final CancelHandle cancel = new CancelHandle();

    /**
     * @param form values of a form-encoded body (empty for GET)
     * @param query values of the URL query string
     * @param path route path parameters, e.g. {@code name} of {@code /api/v1/label/:name/values}
     * @param arrivalNanos {@link System#nanoTime()} when the request arrived, the start of its timeout
     */
    public ApiRequest(
            Map<String, List<String>> form,
            Map<String, List<String>> query,
            Map<String, String> path,
            long arrivalNanos) {
        this.form = copy(form);
        this.query = copy(query);
        this.path = Map.copyOf(path);
        this.arrivalNanos = arrivalNanos;
    }

    /** A request with URL query parameters only, as in tests. */
    public static ApiRequest ofQuery(Map<String, List<String>> query) {
        return new ApiRequest(Map.of(), query, Map.of(), System.nanoTime());
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** The first value of {@code name}, body before query; {@code ""} when absent. */
    public String param(String name) {
        List<String> values = form.get(name);
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of {@code name}: the body's, then the query's. */
    public List<String> params(String name) {
        List<String> out = new ArrayList<>(form.getOrDefault(name, List.of()));
        out.addAll(query.getOrDefault(name, List.of()));
        return out;
    }

    /** The first value of {@code name} in the URL query only; {@code ""} when absent. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    public String pathParam(String name) {
        return Objects.requireNonNullElse(path.get(name), "");
    }

    public long arrivalNanos() {
        return arrivalNanos;
    }

    /** Cancelled when the client closes the connection before the response is complete. */
    public CancelHandle cancelHandle() {
        return cancel;
    }
}
