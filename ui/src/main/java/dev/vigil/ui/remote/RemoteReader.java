package dev.vigil.ui.remote;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.log.Log;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.Queryable;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers a remote read request ({@code prometheus.ReadRequest}, snappy block compressed) with a {@code ReadResponse}
 * of raw samples, the way Prometheus's read endpoint does: one result per query; external labels are added to every
 * returned series that lacks them, and equality matchers on an external label with its configured value are dropped
 * before selecting (local data does not carry external labels); the whole response is limited to {@code sampleLimit}
 * samples. Only the {@code SAMPLES} response type is served. Thread-safe: each call opens its own queriers.
 */
public final class RemoteReader {
    private static final Log log = Log.get(RemoteReader.class);

    private final Queryable storage;
    private final int maxDecodedBytes;
    private final long sampleLimit;

    public RemoteReader(Queryable storage, int maxDecodedBytes, long sampleLimit) {
        this.storage = storage;
        this.maxDecodedBytes = maxDecodedBytes;
        this.sampleLimit = sampleLimit;
    }

    /** A response: the snappy-compressed body on success, otherwise the HTTP status and the error text. */
    public record Reply(int status, byte[] body, String error) {
        static Reply ok(byte[] body) {
            return new Reply(200, body, null);
        }

        static Reply error(int status, String error) {
            return new Reply(status, null, error);
        }
    }

    /**
     * Decodes the request and reads the data.
     *
     * @param externalLabels the server's {@code global.external_labels}
     * @throws dev.vigil.model.storage.StorageException when the storage fails (a server error)
     */
    public Reply read(byte[] body, int off, int len, Map<String, String> externalLabels) {
        ReadRequest request;
        try {
            request = ReadRequest.decode(Snappy.decode(body, off, len, maxDecodedBytes));
        } catch (Snappy.SnappyException | ProtoException e) {
            return Reply.error(400, e.getMessage());
        }
        if (!acceptsSamples(request.acceptedResponseTypes())) {
            return Reply.error(
                    400,
                    "server does not support any of the requested response types: "
                            + typeNames(request.acceptedResponseTypes()) + "; supported: [SAMPLES]");
        }
        Labels external = Labels.fromMap(externalLabels);
        ProtoWriter out = new ProtoWriter(64 * 1024);
        long[] samples = {0};
        for (ReadRequest.Query query : request.queries()) {
            if (query.hints() != null && log.isDebugEnabled()) {
                log.debug("Remote read hints (not used by Vigil's querier)", "hints", query.hints());
            }
            int result = out.beginMessage(1);
            if (!writeResult(query, external, out, samples)) {
                return Reply.error(400, "exceeded sample limit (" + sampleLimit + ")");
            }
            out.endMessage(result);
        }
        return Reply.ok(Snappy.encode(out.buffer(), 0, out.size()));
    }

    /** Writes one {@code QueryResult}'s series; false when the sample limit was exceeded. */
    private boolean writeResult(ReadRequest.Query query, Labels external, ProtoWriter out, long[] samples) {
        List<Matcher> matchers = new ArrayList<>();
        for (Matcher m : query.matchers()) {
            if (m.type() == MatchType.EQUAL
                    && external.has(m.name())
                    && external.get(m.name()).equals(m.value())) {
                continue;
            }
            matchers.add(m);
        }
        if (matchers.isEmpty()) {
            // Prometheus's TSDB selects nothing without matchers; a bare read must not dump the whole store.
            return true;
        }
        LabelsBuilder builder = new LabelsBuilder();
        try (Querier querier = storage.querier(query.startMs(), query.endMs())) {
            SeriesSet set = querier.select(true, matchers.toArray(new Matcher[0]));
            SeriesIterator reuse = null;
            while (set.next()) {
                var series = set.at();
                Labels labels = withExternal(series.labels(), external, builder);
                int ts = out.beginMessage(1);
                for (int i = 0; i < labels.size(); i++) {
                    int label = out.beginMessage(1);
                    out.stringField(1, labels.name(i));
                    out.stringField(2, labels.value(i));
                    out.endMessage(label);
                }
                SeriesIterator it = reuse == null ? series.iterator() : series.iterator(reuse);
                reuse = it;
                while (it.next()) {
                    if (++samples[0] > sampleLimit) {
                        return false;
                    }
                    int sample = out.beginMessage(2);
                    out.doubleField(1, it.value());
                    out.int64Field(2, it.timestamp());
                    out.endMessage(sample);
                }
                out.endMessage(ts);
            }
        }
        return true;
    }

    private static Labels withExternal(Labels labels, Labels external, LabelsBuilder builder) {
        if (external.isEmpty()) {
            return labels;
        }
        builder.reset(labels);
        boolean added = false;
        for (int i = 0; i < external.size(); i++) {
            if (!labels.has(external.name(i))) {
                builder.set(external.name(i), external.value(i));
                added = true;
            }
        }
        return added ? builder.labels() : labels;
    }

    private static boolean acceptsSamples(List<Integer> accepted) {
        return accepted.isEmpty() || accepted.contains(ReadRequest.SAMPLES);
    }

    private static String typeNames(List<Integer> types) {
        List<String> names = new ArrayList<>();
        for (int t : types) {
            names.add(
                    switch (t) {
                        case ReadRequest.SAMPLES -> "SAMPLES";
                        case ReadRequest.STREAMED_XOR_CHUNKS -> "STREAMED_XOR_CHUNKS";
                        default -> Integer.toString(t);
                    });
        }
        return names.toString();
    }
}
