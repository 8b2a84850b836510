package dev.vigil.ui.api;

import dev.vigil.ui.json.ApiJson;
import java.io.IOException;
import java.util.List;

/**
 * A successful API result: a {@code data} value written by a {@link DataWriter} with the response's warnings and
 * infos, or no content at all (HTTP 204, as Prometheus answers calls without data).
 */
public sealed interface ApiReply {
    /** Writes the JSON value of {@code data}; may stream from resources released by {@link Data#onDone}. */
    @FunctionalInterface
    interface DataWriter {
        void write(ApiJson json) throws IOException;
    }

    /**
     * @param warnings read after {@code writer} ran, so a writer that only learns of a problem while streaming (a
     *     result cut by {@code limit}) may still add to the list it was given
     * @param onDone runs once the response is written or abandoned, e.g. to close a querier the writer reads from
     */
    record Data(DataWriter writer, List<String> warnings, List<String> infos, Runnable onDone) implements ApiReply {}

    record NoContent() implements ApiReply {}

    static ApiReply data(DataWriter writer) {
        return new Data(writer, List.of(), List.of(), () -> {});
    }

    static ApiReply data(DataWriter writer, List<String> warnings) {
        return new Data(writer, warnings, List.of(), () -> {});
    }

    static ApiReply noContent() {
        return new NoContent();
    }
}
