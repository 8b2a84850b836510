package dev.vigil.model.log;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** A log record whose message is a fixed text followed by key/value pairs. */
public final class KeyValueRecord extends LogRecord {
    private static final long serialVersionUID = 1L;

    private final transient List<Object> keyValues;

    KeyValueRecord(Level level, String message, Object[] keyValues) {
        super(level, message);
        this.keyValues = List.of(copyWithoutNulls(keyValues));
    }

    /** Alternating keys and values; a trailing key without a value gets the text {@code MISSING}. */
    public List<Object> keyValues() {
        return keyValues;
    }

    private static Object[] copyWithoutNulls(Object[] keyValues) {
        int n = keyValues.length + (keyValues.length % 2);
        Object[] copy = new Object[n];
        for (int i = 0; i < n; i++) {
            Object v = i < keyValues.length ? keyValues[i] : "MISSING";
            copy[i] = v == null ? "null" : v;
        }
        return copy;
    }
}
