package dev.vigil.alerting.template;

import dev.vigil.model.labels.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A string-to-string map as templates see label sets and annotations: {@code .key} and {@code index} look values up,
 * {@code range} visits keys in sorted order, and Alertmanager's methods {@code SortedPairs}, {@code Names},
 * {@code Values} and {@code Remove} are available. Indexing a missing key yields {@code ""}, as for a Go
 * {@code map[string]string}. Immutable and thread-safe.
 */
public final class KeyValues implements TemplateObject {
    public static final KeyValues EMPTY = new KeyValues(new TreeMap<>());

    private final SortedMap<String, String> map;

    private KeyValues(SortedMap<String, String> map) {
        this.map = Collections.unmodifiableSortedMap(map);
    }

    public static KeyValues of(Map<String, String> map) {
        return new KeyValues(new TreeMap<>(map));
    }

    public static KeyValues of(Labels labels) {
        TreeMap<String, String> map = new TreeMap<>();
        labels.forEach(map::put);
        return new KeyValues(map);
    }

    /** The entries sorted by key. */
    public SortedMap<String, String> asMap() {
        return map;
    }

    public String get(String key) {
        return map.get(key);
    }

    public int size() {
        return map.size();
    }

    /** The pairs sorted by name, each with {@code .Name} and {@code .Value}; the list has {@code .Names} and {@code .Values}. */
    public Pairs sortedPairs() {
        List<Pair> pairs = new ArrayList<>(map.size());
        map.forEach((k, v) -> pairs.add(new Pair(k, v)));
        return new Pairs(pairs);
    }

    /** A list of pairs as Alertmanager's {@code Pairs}: also offers {@code .Names} and {@code .Values}. */
    public static final class Pairs extends java.util.AbstractList<Pair> implements TemplateObject {
        private final List<Pair> pairs;

        Pairs(List<Pair> pairs) {
            this.pairs = List.copyOf(pairs);
        }

        @Override
        public Pair get(int index) {
            return pairs.get(index);
        }

        @Override
        public int size() {
            return pairs.size();
        }

        @Override
        public boolean hasMember(String name) {
            return name.equals("Names") || name.equals("Values");
        }

        @Override
        public Object member(String name, List<Object> args) {
            return pairs.stream()
                    .map(p -> name.equals("Names") ? p.name() : p.value())
                    .toList();
        }

        @Override
        public String typeName() {
            return "template.Pairs";
        }
    }

    /** A copy without the given keys. */
    public KeyValues remove(Collection<String> keys) {
        TreeMap<String, String> copy = new TreeMap<>(map);
        keys.forEach(copy::remove);
        return new KeyValues(copy);
    }

    @Override
    public boolean hasMember(String name) {
        return switch (name) {
            case "SortedPairs", "Names", "Values", "Remove" -> true;
            default -> false;
        };
    }

    @Override
    public Object member(String name, List<Object> args) throws TemplateException {
        return switch (name) {
            case "SortedPairs" -> sortedPairs();
            case "Names" -> List.copyOf(map.keySet());
            case "Values" -> List.copyOf(map.values());
            case "Remove" -> {
                if (args.size() != 1 || !(args.get(0) instanceof List<?> keys)) {
                    throw new TemplateException("Remove takes one list of strings, e.g. (stringSlice \"a\" \"b\")");
                }
                List<String> names = new ArrayList<>();
                for (Object k : keys) {
                    names.add(GoValues.print(k));
                }
                yield remove(names);
            }
            default -> throw new TemplateException("BUG: no member " + name);
        };
    }

    @Override
    public String typeName() {
        return "template.KV";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValues other && other.map.equals(map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return GoValues.print(this);
    }

    /** One label pair of {@link #sortedPairs()}. */
    public record Pair(String name, String value) implements TemplateObject {
        @Override
        public boolean hasMember(String member) {
            return member.equals("Name") || member.equals("Value");
        }

        @Override
        public Object member(String member, List<Object> args) {
            return member.equals("Name") ? name : value;
        }

        @Override
        public String typeName() {
            return "template.Pair";
        }

        @Override
        public String toString() {
            return "{" + name + " " + value + "}";
        }
    }
}
