package dev.vigil.ui.remote;

import dev.vigil.model.labels.MatchType;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded remote read {@code prometheus.ReadRequest}: its queries and the response types the client accepts.
 * Immutable.
 */
record ReadRequest(List<Query> queries, List<Integer> acceptedResponseTypes) {
    static final int SAMPLES = 0;
    static final int STREAMED_XOR_CHUNKS = 1;

    ReadRequest {
        queries = List.copyOf(queries);
        acceptedResponseTypes = List.copyOf(acceptedResponseTypes);
    }

    /** One query: a time range (milliseconds, both inclusive), matchers, and the optional hints. */
    record Query(long startMs, long endMs, List<Matcher> matchers, Hints hints) {
        Query {
            matchers = List.copyOf(matchers);
        }
    }

    /**
     * What the PromQL evaluation on the client side will do with the data. Vigil's querier has no use for them (it
     * always returns raw samples), so they are decoded, checked and reported, nothing more.
     */
    record Hints(long stepMs, String func, long startMs, long endMs, List<String> grouping, boolean by, long rangeMs) {
        Hints {
            grouping = List.copyOf(grouping);
        }
    }

    static ReadRequest decode(byte[] message) throws ProtoException {
        ProtoReader r = new ProtoReader(message, 0, message.length);
        List<Query> queries = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case 1 -> queries.add(query(r.message()));
                case 2 -> r.packedVarints(v -> types.add((int) v));
                default -> r.skip();
            }
        }
        return new ReadRequest(queries, types);
    }

    private static Query query(ProtoReader r) throws ProtoException {
        long start = 0;
        long end = 0;
        List<Matcher> matchers = new ArrayList<>();
        Hints hints = null;
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case 1 -> start = r.int64();
                case 2 -> end = r.int64();
                case 3 -> matchers.add(matcher(r.message()));
                case 4 -> hints = hints(r.message());
                default -> r.skip();
            }
        }
        return new Query(start, end, matchers, hints);
    }

    private static Matcher matcher(ProtoReader r) throws ProtoException {
        int type = 0;
        String name = "";
        String value = "";
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case 1 -> type = r.int32();
                case 2 -> name = r.string();
                case 3 -> value = r.string();
                default -> r.skip();
            }
        }
        MatchType matchType =
                switch (type) {
                    case 0 -> MatchType.EQUAL;
                    case 1 -> MatchType.NOT_EQUAL;
                    case 2 -> MatchType.REGEX;
                    case 3 -> MatchType.NOT_REGEX;
                    default -> throw new ProtoException("invalid matcher type " + type + " for label " + name);
                };
        try {
            return Matcher.of(matchType, name, value);
        } catch (IllegalArgumentException e) {
            throw new ProtoException("invalid matcher: " + e.getMessage());
        }
    }

    private static Hints hints(ProtoReader r) throws ProtoException {
        long step = 0;
        String func = "";
        long start = 0;
        long end = 0;
        List<String> grouping = new ArrayList<>();
        boolean by = false;
        long range = 0;
        while (r.nextField()) {
            switch (r.fieldNumber()) {
                case 1 -> step = r.int64();
                case 2 -> func = r.string();
                case 3 -> start = r.int64();
                case 4 -> end = r.int64();
                case 5 -> grouping.add(r.string());
                case 6 -> by = r.bool();
                case 7 -> range = r.int64();
                default -> r.skip();
            }
        }
        return new Hints(step, func, start, end, grouping, by, range);
    }
}
