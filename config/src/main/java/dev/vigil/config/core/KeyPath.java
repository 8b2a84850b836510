package dev.vigil.config.core;

import java.util.regex.Pattern;

/**
 * The position of a node inside a document, printed like {@code scrape_configs[2].relabel_configs[0].regex}. Keys
 * that are not plain identifiers are quoted: {@code external_labels["team.name"]}. Immutable.
 */
public final class KeyPath {
    private static final KeyPath ROOT = new KeyPath("");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String text;

    private KeyPath(String text) {
        this.text = text;
    }

    /** The document root, printed as the empty string. */
    public static KeyPath root() {
        return ROOT;
    }

    /** The path of the value under {@code key} in the mapping at this path. */
    public KeyPath child(String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return new KeyPath(text + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]");
        }
        return new KeyPath(text.isEmpty() ? key : text + "." + key);
    }

    /** The path of the item at {@code index} in the sequence at this path. */
    public KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]");
    }

    public boolean isRoot() {
        return text.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
