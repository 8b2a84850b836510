package dev.vigil.ui.api;

import dev.vigil.model.storage.Queryable;
import dev.vigil.model.storage.StorageAdmin;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.ui.status.AlertmanagersView;
import dev.vigil.ui.status.RulesView;
import dev.vigil.ui.status.TargetsView;
import java.util.Objects;

/**
 * What the API reads once storage is open: the data, the engine's limits, and the components' status views.
 *
 * @param engineOptions the limits of {@code --query.timeout}, {@code --query.max-samples} and {@code
 *     --query.lookback-delta}; each query runs an engine with these, its own timeout and lookback applied
 * @param admin the storage's admin side, or {@code null} when the storage has none (admin calls then fail)
 */
public record ApiBackend(
        Queryable queryable,
        EngineOptions engineOptions,
        StorageAdmin admin,
        TargetsView targets,
        RulesView rules,
        AlertmanagersView alertmanagers) {
    public ApiBackend {
        Objects.requireNonNull(queryable, "queryable");
        Objects.requireNonNull(engineOptions, "engineOptions");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(alertmanagers, "alertmanagers");
    }
}
