package dev.vigil.alerting.eval;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import java.util.List;

/** Appends stale markers for series no rule writes any more. Stateless. */
final class StaleWriter {
    private static final Log log = Log.get(StaleWriter.class);

    private StaleWriter() {}

    /**
     * Marks every series stale at {@code t} in one commit. Samples the storage rejects as out of order or duplicate
     * are skipped: another rule (a renamed one, say) has written the series since.
     *
     * @return whether the commit succeeded
     */
    static boolean write(RuleContext ctx, List<Labels> series, long t, String group) {
        Appender app = ctx.appendable.appender();
        for (Labels s : series) {
            try {
                app.append(0, s, t, StaleMarker.STALE_NAN);
            } catch (AppendException e) {
                if (e.kind() == AppendException.Kind.INVALID_LABELS) {
                    log.warn(
                            "Adding stale sample for previous configuration failed",
                            "group",
                            group,
                            "series",
                            s,
                            "err",
                            e.getMessage());
                }
            }
        }
        try {
            app.commit();
            return true;
        } catch (RuntimeException e) {
            log.warn("Stale sample appending for previous configuration failed", "group", group, "err", e.getMessage());
            return false;
        }
    }
}
