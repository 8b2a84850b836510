package dev.vigil.ui.ingest;

import dev.vigil.model.ingest.ImportSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code data} member of an import reply; its fields are documented in docs/api-ingest.md. */
final class ImportReply {
    private ImportReply() {}

    static JsonObject data(ImportSummary s, long bodyBytes, long maxBufferedBytes) {
        ImportSummary.RejectionCounts r = s.rejectedBy();
        JsonArray errors = new JsonArray();
        for (ImportSummary.Rejection rejection : s.firstRejections()) {
            errors.add(new JsonObject().put("line", rejection.line()).put("error", rejection.reason()));
        }
        return new JsonObject()
                .put("accepted", s.samples())
                .put("rejected", s.rejected())
                .put("duplicates", s.duplicates())
                .put("series", s.series())
                .put("minTime", s.samples() == 0 ? null : s.minTimeMs())
                .put("maxTime", s.samples() == 0 ? null : s.maxTimeMs())
                .put(
                        "rejectedBy",
                        new JsonObject()
                                .put("malformed", r.malformed())
                                .put("noTimestamp", r.noTimestamp())
                                .put("outOfOrder", r.outOfOrder())
                                .put("duplicateTimestamp", r.duplicateTimestamp())
                                .put("outOfBounds", r.outOfBounds())
                                .put("invalidLabels", r.invalidLabels()))
                .put("errors", errors)
                .put("bodyBytes", bodyBytes)
                .put("maxBufferedBodyBytes", maxBufferedBytes)
                .put("stoppedEarly", s.fatalError());
    }
}
