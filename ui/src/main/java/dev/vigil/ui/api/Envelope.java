package dev.vigil.ui.api;

import dev.vigil.ui.json.ApiJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The response object around every result: {@code {"status":"success","data":...,"warnings":[...],"infos":[...]}},
 * or {@code {"status":"error","errorType":"...","error":"..."}}. As in Prometheus, at most ten warnings and ten infos
 * are listed, followed by a count of the omitted ones, and empty lists are left out. Stateless.
 */
final class Envelope {
    static final int MAX_ANNOTATIONS = 10;

    private Envelope() {}

    /** Writes a success object; the reply's warnings are read after its data is written, so it may add some. */
    static void success(ApiJson json, ApiReply.Data reply) throws IOException {
        json.startObject();
        json.field("status");
        json.string("success");
        json.field("data");
        reply.writer().write(json);
        annotations(json, "warnings", reply.warnings(), "warning");
        annotations(json, "infos", reply.infos(), "info");
        json.endObject();
    }

    private static void annotations(ApiJson json, String field, List<String> all, String kind) throws IOException {
        if (all.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>(all.subList(0, Math.min(MAX_ANNOTATIONS, all.size())));
        if (all.size() > MAX_ANNOTATIONS) {
            shown.add((all.size() - MAX_ANNOTATIONS) + " more " + kind + " annotations omitted");
        }
        json.field(field);
        json.strings(shown);
    }

    /** The bytes of an error object. */
    static byte[] error(ApiException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (ApiJson json = ApiJson.to(out)) {
            json.startObject();
            json.field("status");
            json.string("error");
            json.field("errorType");
            json.string(e.type().text());
            json.field("error");
            json.string(e.getMessage());
            json.endObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
