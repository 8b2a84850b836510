package dev.vigil.model.relabel;

/**
 * Which label names relabeling may create: Prometheus's legacy character set, or any non-empty UTF-8 string as
 * Prometheus 3 allows under {@code metric_name_validation_scheme: utf8}. A {@code replace} whose expanded
 * {@code target_label} is not a valid name leaves the labels unchanged.
 */
public enum LabelNameScheme {
    /** {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    LEGACY,
    /** Any non-empty string of well-formed UTF-16 (that is, encodable as UTF-8). */
    UTF8;

    /** Whether {@code name} is a valid label name under this scheme. */
    public boolean isValid(String name) {
        return this == LEGACY ? RelabelConfig.isValidLabelName(name) : isWellFormed(name);
    }

    private static boolean isWellFormed(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
