package dev.vigil.config.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of a parsed YAML or JSON document that remembers where it was written, so that every error can name
 * {@code file:line:column}. Produced by {@link ConfigTreeParser}; read strictly with {@link MapReader}. Immutable.
 */
public sealed interface ConfigNode
        permits ConfigNode.MapNode, ConfigNode.SeqNode, ConfigNode.ScalarNode, ConfigNode.NullNode {

    SourceLocation location();

    /** A short name for messages: {@code mapping}, {@code sequence}, {@code string}, {@code integer}, … */
    String kindName();

    /** A key and its value inside a mapping. */
    record Entry(String key, SourceLocation keyLocation, ConfigNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyLocation, "keyLocation");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A mapping; keys are unique and kept in document order. */
    record MapNode(SourceLocation location, List<Entry> entries) implements ConfigNode {
        public MapNode {
            Objects.requireNonNull(location, "location");
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        @Override
        public String kindName() {
            return "mapping";
        }
    }

    /** A sequence. */
    record SeqNode(SourceLocation location, List<ConfigNode> items) implements ConfigNode {
        public SeqNode {
            Objects.requireNonNull(location, "location");
            items = List.copyOf(items);
        }

        @Override
        public String kindName() {
            return "sequence";
        }
    }

    /** A scalar with its text exactly as written (without quotes) and the type YAML resolved it to. */
    record ScalarNode(SourceLocation location, String text, ScalarType type) implements ConfigNode {
        public ScalarNode {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String kindName() {
            return type.kindName();
        }
    }

    /** An explicit or implicit null ({@code key:}, {@code ~}, {@code null}). */
    record NullNode(SourceLocation location) implements ConfigNode {
        public NullNode {
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String kindName() {
            return "null";
        }
    }

    /** How YAML resolved a scalar. */
    enum ScalarType {
        STRING("string"),
        INTEGER("integer"),
        FLOAT("float"),
        BOOLEAN("boolean");

        private final String kindName;

        ScalarType(String kindName) {
            this.kindName = kindName;
        }

        public String kindName() {
            return kindName;
        }
    }
}
