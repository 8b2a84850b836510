package dev.vigil.config.notifications;

import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Names;
import dev.vigil.config.core.Scalars;
import dev.vigil.model.labels.Matcher;
import java.util.ArrayList;
import java.util.List;

/** Reads matcher lists and the deprecated {@code match}/{@code match_re} maps, recording problems at each item. */
final class MatcherReading {
    private MatcherReading() {}

    static List<Matcher> matchers(MapReader r, String key) {
        List<Matcher> out = new ArrayList<>();
        List<String> texts = r.stringList(key);
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.addAll(AlertmanagerMatchers.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                r.problems().add(r.locationOf(key), r.pathOf(key).index(i), e.getMessage());
            }
        }
        return out;
    }

    static List<Matcher> deprecatedMatch(MapReader r, String equalKey, String regexKey) {
        List<Matcher> out = new ArrayList<>();
        for (Entry e : r.mapEntries(equalKey)) {
            Scalars.string(e.value(), r.pathOf(equalKey).child(e.key()), r.problems())
                    .ifPresent(v -> {
                        if (checkName(r, equalKey, e)) {
                            out.add(Matcher.equal(e.key(), v));
                        }
                    });
        }
        for (Entry e : r.mapEntries(regexKey)) {
            Scalars.string(e.value(), r.pathOf(regexKey).child(e.key()), r.problems())
                    .ifPresent(v -> {
                        if (!checkName(r, regexKey, e)) {
                            return;
                        }
                        try {
                            out.add(Matcher.regex(e.key(), v));
                        } catch (IllegalArgumentException ex) {
                            r.problems().add(e.value(), r.pathOf(regexKey).child(e.key()), ex.getMessage());
                        }
                    });
        }
        return out;
    }

    private static boolean checkName(MapReader r, String key, Entry e) {
        if (Names.isValidLabelName(e.key())) {
            return true;
        }
        r.problems().add(e.keyLocation(), r.pathOf(key).child(e.key()), "invalid label name \"" + e.key() + "\"");
        return false;
    }
}
