package dev.vigil.ui.api;

import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.ValueType;
import dev.vigil.promql.engine.CancelHandle;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.promql.engine.QueryCancelledException;
import dev.vigil.promql.engine.QueryResult;
import dev.vigil.promql.engine.QueryTimeoutException;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.ui.json.QueryResultJson;
import dev.vigil.ui.json.QueryStatsJson;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range} with Prometheus's parameters and checks. The query text is
 * parsed before the query waits for a slot of the {@link QueryLimiter}, so bad queries fail at once; the deadline is
 * the earlier of {@code --query.timeout} and the {@code timeout} parameter, counted from the request's arrival and
 * covering the wait.
 */
final class QueryEndpoints {
    /** Prometheus's limit on points per series of a range query. */
    static final long MAX_POINTS = 11_000;

    private final Supplier<ApiBackend> backend;
    private final QueryLimiter limiter;
    private final Clock clock;

    QueryEndpoints(Supplier<ApiBackend> backend, QueryLimiter limiter, Clock clock) {
        this.backend = backend;
        this.limiter = limiter;
        this.clock = clock;
    }

    CompletionStage<ApiReply> instant(ApiRequest r) {
        int limit = Params.limitParam(r);
        long time = Params.timeParam(r, "time", clock.millis());
        EngineOptions base = backend.get().engineOptions();
        long deadline = deadline(r, base);
        QueryOptions options = QueryOptions.of(r, base);
        Parsed parsed = parse(r.param("query"), base);
        return submit(
                options,
                deadline,
                parsed,
                engine -> engine.instantQuery(parsed.text, parsed.expr, time, r.cancelHandle()),
                r.cancelHandle(),
                limit,
                time,
                0);
    }

    CompletionStage<ApiReply> range(ApiRequest r) {
        int limit = Params.limitParam(r);
        long start = requiredTime(r, "start");
        long end = requiredTime(r, "end");
        if (end < start) {
            throw ApiException.invalidParameter("end", "end timestamp must not be before start time");
        }
        long stepNanos;
        try {
            stepNanos = Params.parseDurationNanos(r.param("step"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("step", e.getMessage());
        }
        long stepMs = stepNanos / 1_000_000;
        if (stepMs <= 0) {
            // Prometheus accepts sub-millisecond steps here and then cannot evaluate them; reject them up front.
            throw ApiException.invalidParameter(
                    "step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (rangeNanos(start, end) / stepNanos > MAX_POINTS) {
            throw ApiException.badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing"
                    + " the query resolution (?step=XX)");
        }
        EngineOptions base = backend.get().engineOptions();
        long deadline = deadline(r, base);
        QueryOptions options = QueryOptions.of(r, base);
        Parsed parsed = parse(r.param("query"), base);
        ValueType type = parsed.expr.type();
        if (type != ValueType.INSTANT_VECTOR && type != ValueType.SCALAR) {
            throw ApiException.invalidParameter(
                    "query",
                    "invalid expression type \"" + type.documentedName()
                            + "\" for range query, must be Scalar or instant Vector");
        }
        return submit(
                options,
                deadline,
                parsed,
                engine -> engine.rangeQuery(parsed.text, parsed.expr, start, end, stepMs, r.cancelHandle()),
                r.cancelHandle(),
                limit,
                start,
                stepMs);
    }

    /** Waits for a slot, evaluates, and replies with the result cut at {@code limit}. */
    private CompletionStage<ApiReply> submit(
            QueryOptions options,
            long deadline,
            Parsed parsed,
            Evaluation evaluation,
            CancelHandle cancel,
            int limit,
            long startMs,
            long stepMs) {
        return limiter.submit(queued -> evaluate(options, deadline, queued, parsed, evaluation, cancel), deadline)
                .thenApply(done -> reply(done, options, limit, startMs, stepMs));
    }

    private static long requiredTime(ApiRequest r, String name) {
        try {
            return Params.parseTime(r.param(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter(name, e.getMessage());
        }
    }

    /** {@code end - start} in nanoseconds, saturating like Go's {@code Time.Sub}. */
    private static long rangeNanos(long startMs, long endMs) {
        long ms = endMs - startMs;
        return ms > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : ms * 1_000_000;
    }

    private long deadline(ApiRequest r, EngineOptions base) {
        long timeoutNanos = base.timeout().toNanos();
        String timeout = r.param("timeout");
        if (!timeout.isEmpty()) {
            try {
                timeoutNanos = Math.min(timeoutNanos, Params.parseDurationNanos(timeout));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidParameter("timeout", e.getMessage());
            }
        }
        return r.arrivalNanos() + timeoutNanos;
    }

    private record Parsed(String text, Expr expr, long parseNanos) {}

    private static Parsed parse(String query, EngineOptions options) {
        long t0 = System.nanoTime();
        try {
            Expr expr = ExpressionParser.parse(query, options.parserOptions());
            return new Parsed(query, expr, System.nanoTime() - t0);
        } catch (ParseException e) {
            throw ApiException.invalidParameter("query", e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Evaluation {
        QueryResult run(Engine engine);
    }

    private record Done(QueryResult result, long queuedNanos, long totalNanos) {}

    /** Runs on a query thread: an engine with what is left of the deadline and the request's lookback. */
    private Done evaluate(
            QueryOptions options,
            long deadline,
            long queued,
            Parsed parsed,
            Evaluation evaluation,
            CancelHandle cancel) {
        if (cancel.isCancelled()) {
            // The client left while the query waited; do not load its series.
            throw new QueryCancelledException();
        }
        long started = System.nanoTime();
        long remaining = deadline - started;
        if (remaining <= 0) {
            throw new QueryTimeoutException();
        }
        ApiBackend b = backend.get();
        EngineOptions engineOptions = b.engineOptions().withTimeout(Duration.ofNanos(remaining));
        if (options.lookbackDelta() != null) {
            engineOptions = engineOptions.withLookbackDelta(options.lookbackDelta());
        }
        QueryResult result = evaluation.run(new Engine(b.queryable(), engineOptions));
        limiter.recordEvaluation(result.stats().prepareNanos(), result.stats().evalNanos());
        return new Done(result, queued, parsed.parseNanos + queued + System.nanoTime() - started);
    }

    private static ApiReply reply(Done done, QueryOptions options, int limit, long startMs, long stepMs) {
        QueryResult result = done.result;
        List<String> warnings = new ArrayList<>(result.warnings());
        if (QueryResultJson.truncatedBy(result.value(), limit)) {
            warnings.add("results truncated due to limit");
        }
        if (options.statsWarning() != null) {
            warnings.add(options.statsWarning());
        }
        return new ApiReply.Data(
                json -> {
                    json.startObject();
                    json.field("resultType");
                    json.string(result.value().typeName());
                    json.field("result");
                    QueryResultJson.write(json, result.value(), result.timeMs(), limit);
                    if (options.stats()) {
                        json.field("stats");
                        QueryStatsJson.write(
                                json,
                                result.stats(),
                                done.queuedNanos,
                                done.totalNanos,
                                options.perStepStats(),
                                startMs,
                                stepMs);
                    }
                    json.endObject();
                },
                warnings,
                result.infos(),
                () -> {});
    }
}
