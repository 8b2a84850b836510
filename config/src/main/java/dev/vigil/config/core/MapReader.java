package dev.vigil.config.core;

import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.ConfigNode.MapNode;
import dev.vigil.config.core.ConfigNode.NullNode;
import dev.vigil.config.core.ConfigNode.ScalarNode;
import dev.vigil.config.core.ConfigNode.ScalarType;
import dev.vigil.config.core.ConfigNode.SeqNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Strict, typed reading of one mapping of a {@link ConfigNode} tree. Every getter names a key; a value of the wrong
 * type or format is recorded in the shared {@link Problems} with its location and key path, and the getter returns
 * the default so that reading can go on and find more problems. {@link #finish()} reports the keys nobody asked for as
 * unknown, with a suggestion when a known key is spelled similarly. A null value ({@code key:} or {@code key: ~}) is
 * treated like an absent key, as Prometheus does.
 *
 * <p>Not thread-safe; one reader per mapping per load.
 */
public final class MapReader {
    private final MapNode node;
    private final KeyPath path;
    private final Problems problems;
    private final Set<String> askedFor = new LinkedHashSet<>();
    private final Set<String> consumed = new HashSet<>();

    private MapReader(MapNode node, KeyPath path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /**
     * A reader over {@code node}, which must be a mapping or null (read as an empty mapping); anything else is
     * recorded as a problem and read as an empty mapping.
     */
    public static MapReader of(ConfigNode node, KeyPath path, Problems problems) {
        if (node instanceof MapNode map) {
            return new MapReader(map, path, problems);
        }
        if (!(node instanceof NullNode)) {
            problems.add(node, path, "expected a mapping, got " + describe(node));
        }
        return new MapReader(new MapNode(node.location(), List.of()), path, problems);
    }

    public KeyPath path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    /** The location of the mapping itself. */
    public SourceLocation location() {
        return node.location();
    }

    /** Whether {@code key} is present with a non-null value. Does not count as reading it. */
    public boolean has(String key) {
        return node.entry(key).filter(e -> !(e.value() instanceof NullNode)).isPresent();
    }

    /** The keys present in this mapping, in document order. */
    public List<String> keys() {
        return node.entries().stream().map(Entry::key).toList();
    }

    /** Marks {@code key} as known and returns its non-null value node, if any. */
    public Optional<ConfigNode> node(String key) {
        askedFor.add(key);
        Optional<Entry> entry = node.entry(key);
        entry.ifPresent(e -> consumed.add(key));
        return entry.map(Entry::value).filter(v -> !(v instanceof NullNode));
    }

    /** The key path of the value under {@code key}. */
    public KeyPath pathOf(String key) {
        return path.child(key);
    }

    /** The location of the value under {@code key}, or of the key itself if the value is null, or of this mapping. */
    public SourceLocation locationOf(String key) {
        return node.entry(key)
                .map(e -> e.value() instanceof NullNode
                        ? e.keyLocation()
                        : e.value().location())
                .orElse(node.location());
    }

    /** The location of {@code key} itself, or of this mapping when the key is absent. */
    public SourceLocation keyLocationOf(String key) {
        return node.entry(key).map(Entry::keyLocation).orElse(node.location());
    }

    /** Records a problem about the value under {@code key} (or about this mapping when the key is absent). */
    public void error(String key, String message) {
        problems.add(locationOf(key), has(key) || node.entry(key).isPresent() ? pathOf(key) : path, message);
    }

    /** Records a problem about this mapping as a whole. */
    public void error(String message) {
        problems.add(node.location(), path, message);
    }

    /** Records that a required key is missing. */
    public void missing(String key) {
        problems.add(node.location(), path, "missing required key \"" + key + "\"");
    }

    public Optional<String> optionalString(String key) {
        return node(key).flatMap(v -> Scalars.string(v, pathOf(key), problems));
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A string that must be present and non-empty. Returns "" after recording the problem. */
    public String requiredString(String key) {
        Optional<String> value = optionalString(key);
        if (value.isEmpty()) {
            if (node(key).isEmpty()) {
                missing(key);
            }
            return "";
        }
        if (value.get().isEmpty()) {
            error(key, "\"" + key + "\" must not be empty");
        }
        return value.get();
    }

    public Optional<Boolean> optionalBool(String key) {
        return node(key).flatMap(v -> Scalars.bool(v, pathOf(key), problems));
    }

    public boolean bool(String key, boolean defaultValue) {
        return optionalBool(key).orElse(defaultValue);
    }

    /** An integer in {@code [min, max]}. */
    public long integer(String key, long defaultValue, long min, long max) {
        return node(key)
                .flatMap(v -> Scalars.integer(v, pathOf(key), problems, min, max))
                .orElse(defaultValue);
    }

    /** A non-negative integer that fits in an int. */
    public int nonNegativeInt(String key, int defaultValue) {
        return (int) integer(key, defaultValue, 0, Integer.MAX_VALUE);
    }

    public double floating(String key, double defaultValue) {
        return node(key)
                .flatMap(v -> Scalars.floating(v, pathOf(key), problems))
                .orElse(defaultValue);
    }

    public Optional<PromDuration> optionalDuration(String key) {
        return node(key).flatMap(v -> Scalars.duration(v, pathOf(key), problems));
    }

    public PromDuration duration(String key, PromDuration defaultValue) {
        return optionalDuration(key).orElse(defaultValue);
    }

    public ByteSize byteSize(String key, ByteSize defaultValue) {
        return node(key)
                .flatMap(v -> Scalars.byteSize(v, pathOf(key), problems))
                .orElse(defaultValue);
    }

    /** A sequence of strings; empty when absent. */
    public List<String> stringList(String key) {
        return list(key, (item, itemPath) -> Scalars.string(item, itemPath, problems));
    }

    /** Whether the key holds a sequence that was written but is empty ({@code key: []}). */
    public boolean isEmptySequence(String key) {
        return node.entry(key)
                .map(e -> e.value() instanceof SeqNode seq && seq.items().isEmpty())
                .orElse(false);
    }

    /** A mapping from string to string, in document order; empty when absent. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        mapEntries(key).forEach(e -> Scalars.string(e.value(), pathOf(key).child(e.key()), problems)
                .ifPresent(v -> out.put(e.key(), v)));
        return Collections.unmodifiableMap(out);
    }

    /** A mapping from string to a sequence of strings ({@code params}, {@code proxy_connect_header}). */
    public Map<String, List<String>> stringListMap(String key) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Entry e : mapEntries(key)) {
            KeyPath entryPath = pathOf(key).child(e.key());
            List<String> values = new ArrayList<>();
            if (e.value() instanceof SeqNode seq) {
                for (int i = 0; i < seq.items().size(); i++) {
                    Scalars.string(seq.items().get(i), entryPath.index(i), problems)
                            .ifPresent(values::add);
                }
            } else if (!(e.value() instanceof NullNode)) {
                problems.add(e.value(), entryPath, "expected a sequence of strings, got " + describe(e.value()));
            }
            out.put(e.key(), List.copyOf(values));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The entries of the mapping under {@code key}; empty when absent, recorded as a problem when not a mapping. */
    public List<Entry> mapEntries(String key) {
        Optional<ConfigNode> value = node(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof MapNode map) {
            return map.entries();
        }
        problems.add(value.get(), pathOf(key), "expected a mapping, got " + describe(value.get()));
        return List.of();
    }

    /**
     * Reads the nested mapping under {@code key} with {@code reading}, then reports its unknown keys. Empty when the
     * key is absent.
     */
    public <T> Optional<T> map(String key, Function<MapReader, T> reading) {
        return node(key).map(v -> readFully(MapReader.of(v, pathOf(key), problems), reading));
    }

    /** Reads each item of the sequence under {@code key}; items the function rejects (empty) are left out. */
    public <T> List<T> list(String key, ItemReader<T> reading) {
        Optional<ConfigNode> value = node(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SeqNode seq)) {
            problems.add(value.get(), pathOf(key), "expected a sequence, got " + describe(value.get()));
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < seq.items().size(); i++) {
            reading.read(seq.items().get(i), pathOf(key).index(i)).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Reads each item of the sequence under {@code key} as a mapping, reporting unknown keys of each. A null item is
     * a problem, as in Prometheus ("empty or null" sections).
     */
    public <T> List<T> mapList(String key, Function<MapReader, Optional<T>> reading) {
        return list(key, (item, itemPath) -> {
            if (item instanceof NullNode) {
                problems.add(item, itemPath, "empty or null item");
                return Optional.empty();
            }
            return readFully(MapReader.of(item, itemPath, problems), reading);
        });
    }

    private static <T> T readFully(MapReader reader, Function<MapReader, T> reading) {
        T result = reading.apply(reader);
        reader.finish();
        return result;
    }

    /**
     * Reports every key that no getter asked for as unknown. Call once, after reading all keys; readers created with
     * {@link #map} and {@link #mapList} are finished automatically.
     */
    public void finish() {
        for (Entry e : node.entries()) {
            if (!askedFor.contains(e.key()) && !consumed.contains(e.key())) {
                problems.add(e.keyLocation(), pathOf(e.key()), unknownKeyMessage(e.key()));
            }
        }
    }

    /** Marks {@code key} as handled without reading it (e.g. when a caller reports it differently). */
    public void markHandled(String key) {
        askedFor.add(key);
        consumed.add(key);
    }

    private String unknownKeyMessage(String key) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String known : askedFor) {
            int distance = editDistance(key, known);
            if (distance < best) {
                best = distance;
                closest = known;
            }
        }
        if (closest != null && best <= Math.max(2, key.length() / 4)) {
            return "unknown key \"" + key + "\" (did you mean \"" + closest + "\"?)";
        }
        return "unknown key \"" + key + "\"";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String describe(ConfigNode node) {
        if (node instanceof ScalarNode scalar && scalar.type() != ScalarType.STRING) {
            return scalar.kindName() + " " + scalar.text();
        }
        if (node instanceof ScalarNode scalar) {
            return "string \"" + scalar.text() + "\"";
        }
        return node.kindName();
    }

    /** Reads one item of a sequence; returns empty (after recording a problem) when the item is unusable. */
    @FunctionalInterface
    public interface ItemReader<T> {
        Optional<T> read(ConfigNode item, KeyPath itemPath);
    }
}
