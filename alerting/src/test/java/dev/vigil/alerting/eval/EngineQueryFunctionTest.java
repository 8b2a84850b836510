package dev.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.engine.CancelHandle;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.promql.engine.QueryCancelledException;
import dev.vigil.promql.engine.QueryException;
import dev.vigil.promql.value.Vector;
import dev.vigil.testkit.InMemoryStorage;
import org.junit.jupiter.api.Test;

/** Rule queries on the engine: vectors as they are, scalars as one unlabelled element, nothing else. */
class EngineQueryFunctionTest {
    private final InMemoryStorage storage = new InMemoryStorage();
    private final Engine engine = new Engine(storage, EngineOptions.DEFAULT);

    @Test
    void scalarsBecomeOneElementWithoutLabels() {
        Vector v = new EngineQueryFunction(engine).query("1 + 1", 60_000);
        assertThat(v.size()).isEqualTo(1);
        assertThat(v.labels(0)).isEqualTo(Labels.EMPTY);
        assertThat(v.value(0)).isEqualTo(2.0);
        assertThat(v.timestamp(0)).isEqualTo(60_000);
    }

    @Test
    void stringsAndRangeVectorsAreRejectedAsPrometheusDoes() {
        EngineQueryFunction f = new EngineQueryFunction(engine);
        assertThatThrownBy(() -> f.query("\"text\"", 0))
                .isInstanceOf(QueryException.class)
                .hasMessage("rule result is not a vector or scalar");
    }

    @Test
    void aCancelledHandleStopsQueries() {
        CancelHandle shutdown = new CancelHandle();
        shutdown.cancel();
        assertThatThrownBy(() -> new EngineQueryFunction(engine, shutdown).query("vector(1)", 0))
                .isInstanceOf(QueryCancelledException.class);
    }
}
