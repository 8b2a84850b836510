package dev.vigil.ui.api;

import dev.vigil.promql.ast.Aggregate;
import dev.vigil.promql.ast.Binary;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.ast.MatrixSelector;
import dev.vigil.promql.ast.Paren;
import dev.vigil.promql.ast.Prettier;
import dev.vigil.promql.ast.Subquery;
import dev.vigil.promql.ast.Unary;
import dev.vigil.promql.ast.VectorSelector;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.ui.json.AstJson;
import java.util.function.Supplier;

/**
 * Endpoints that work on the query text alone: {@code /api/v1/format_query} (Prometheus's multi-line formatting),
 * {@code /api/v1/parse_query} (the AST as JSON) and {@code /api/v1/query_exemplars}. Vigil's storage keeps no
 * exemplars, so the latter answers an empty list for any query with a selector, and 204 for one without, as
 * Prometheus does.
 */
final class QueryTextEndpoints {
    private final Supplier<ApiBackend> backend;

    QueryTextEndpoints(Supplier<ApiBackend> backend) {
        this.backend = backend;
    }

    private EngineOptions options() {
        return backend.get().engineOptions();
    }

    ApiReply format(ApiRequest r) {
        String pretty = Prettier.format(parseQueryParam(r));
        return ApiReply.data(json -> json.string(pretty));
    }

    ApiReply parse(ApiRequest r) {
        Expr expr = parseQueryParam(r);
        return ApiReply.data(json -> AstJson.write(json, expr));
    }

    private Expr parseQueryParam(ApiRequest r) {
        try {
            return ExpressionParser.parse(r.param("query"), options().parserOptions());
        } catch (ParseException e) {
            throw ApiException.invalidParameter("query", e.getMessage());
        }
    }

    ApiReply exemplars(ApiRequest r) {
        long start = Params.timeParam(r, "start", Params.MIN_TIME_MS);
        long end = Params.timeParam(r, "end", Params.MAX_TIME_MS);
        if (end < start) {
            throw ApiException.badData("end timestamp must not be before start timestamp");
        }
        Expr expr;
        try {
            expr = ExpressionParser.parse(r.param("query"), options().parserOptions());
        } catch (ParseException e) {
            throw ApiException.badData(e.getMessage());
        }
        if (!hasSelector(expr)) {
            return ApiReply.noContent();
        }
        return ApiReply.data(json -> {
            json.startArray();
            json.endArray();
        });
    }

    private static boolean hasSelector(Expr e) {
        if (e instanceof VectorSelector || e instanceof MatrixSelector) {
            return true;
        } else if (e instanceof Aggregate a) {
            return hasSelector(a.expr()) || (a.param() != null && hasSelector(a.param()));
        } else if (e instanceof Binary b) {
            return hasSelector(b.lhs()) || hasSelector(b.rhs());
        } else if (e instanceof Call c) {
            return c.args().stream().anyMatch(QueryTextEndpoints::hasSelector);
        } else if (e instanceof Paren p) {
            return hasSelector(p.expr());
        } else if (e instanceof Subquery s) {
            return hasSelector(s.expr());
        } else if (e instanceof Unary u) {
            return hasSelector(u.expr());
        }
        return false;
    }
}
