package dev.vigil.alerting.eval;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.engine.CancelHandle;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.QueryException;
import dev.vigil.promql.value.Scalar;
import dev.vigil.promql.value.Value;
import dev.vigil.promql.value.Vector;
import java.util.Objects;

/**
 * Runs rule queries on a PromQL {@link Engine} as instant queries: a vector is returned as is, a scalar becomes one
 * element without labels, anything else fails with Prometheus's message. Thread-safe.
 */
public final class EngineQueryFunction implements RuleQueryFunction {
    private final Engine engine;
    private final CancelHandle cancel;

    public EngineQueryFunction(Engine engine) {
        this(engine, new CancelHandle());
    }

    /**
     * @param cancel cancelled on shutdown, so that running rule queries stop instead of holding shutdown up until
     *     their timeout
     */
    public EngineQueryFunction(Engine engine, CancelHandle cancel) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
    }

    @Override
    public Vector query(String expr, long evalTimeMs) {
        Value value = engine.instantQuery(expr, evalTimeMs, cancel).value();
        if (value instanceof Vector vector) {
            return vector;
        }
        if (value instanceof Scalar scalar) {
            Vector one = new Vector(1);
            one.add(Labels.EMPTY, scalar.value(), evalTimeMs, false);
            return one;
        }
        throw new QueryException("rule result is not a vector or scalar");
    }
}
