package dev.vigil.config.relabel;

import dev.vigil.config.core.MapReader;
import dev.vigil.model.relabel.RelabelAction;
import dev.vigil.model.relabel.RelabelConfig;
import dev.vigil.model.relabel.RelabelConfig.InvalidRelabelConfigException;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code relabel_config} lists into {@link RelabelConfig}s. Prometheus's validation rules live in the record
 * itself; this reader places each violation at the key it names. Stateless.
 */
public final class RelabelConfigReader {
    private RelabelConfigReader() {}

    /** Reads the list of relabel configurations under {@code key} of {@code parent}; invalid items are left out. */
    public static List<RelabelConfig> readList(MapReader parent, String key) {
        return parent.mapList(key, RelabelConfigReader::read);
    }

    /** Reads one relabel configuration mapping. */
    public static Optional<RelabelConfig> read(MapReader r) {
        RelabelConfig.Builder builder = RelabelConfig.builder();
        builder.sourceLabels(r.stringList("source_labels"));
        r.optionalString("separator").ifPresent(builder::separator);
        r.optionalString("target_label").ifPresent(builder::targetLabel);
        r.optionalString("replacement").ifPresent(builder::replacement);
        builder.modulus(r.integer("modulus", 0, 0, Long.MAX_VALUE));
        Optional<String> actionName = r.optionalString("action");
        if (actionName.isPresent()) {
            Optional<RelabelAction> action = RelabelAction.fromConfigName(actionName.get());
            if (action.isEmpty()) {
                r.error("action", "unknown relabel action \"" + actionName.get() + "\"");
                return Optional.empty();
            }
            builder.action(action.get());
        }
        try {
            r.optionalString("regex").ifPresent(builder::regex);
            return Optional.of(builder.build());
        } catch (InvalidRelabelConfigException e) {
            if (r.has(e.field())) {
                r.error(e.field(), e.getMessage());
            } else {
                r.error(e.getMessage());
            }
            return Optional.empty();
        }
    }
}
