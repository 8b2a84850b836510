package dev.vigil.model.relabel;

import dev.vigil.model.labels.PromRegex;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One step of Prometheus relabeling ({@code relabel_config}), validated on construction with Prometheus's rules.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}, which starts from Prometheus's defaults
 * (separator {@code ;}, regex {@code (.*)}, replacement {@code $1}, action {@code replace}); an invalid combination
 * throws {@link InvalidRelabelConfigException} naming the offending field. Label names are checked against the
 * legacy character set {@code [a-zA-Z_][a-zA-Z0-9_]*}.
 *
 * <pre>{@code
 * RelabelConfig keepApi = RelabelConfig.builder()
 *         .sourceLabels(List.of("job"))
 *         .regex("api|web")
 *         .action(RelabelAction.KEEP)
 *         .build();
 * }</pre>
 *
 * @param sourceLabels labels whose values are concatenated, in order; empty when none were configured
 * @param separator placed between the concatenated source values
 * @param regex the regular expression, anchored at both ends
 * @param modulus the modulus for {@code hashmod}; 0 when not set
 * @param targetLabel the label written by {@code replace}, {@code hashmod}, case and equality actions; empty if unset
 * @param replacement the replacement template with {@code $1}/{@code ${1}} group references
 * @param action what this step does
 */
public record RelabelConfig(
        List<String> sourceLabels,
        String separator,
        Regex regex,
        long modulus,
        String targetLabel,
        String replacement,
        RelabelAction action) {

    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REGEX = "(.*)";
    public static final String DEFAULT_REPLACEMENT = "$1";
    public static final RelabelAction DEFAULT_ACTION = RelabelAction.REPLACE;

    private static final Pattern LEGACY_LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    // A label name that may contain $1 / ${name} references, resolved when the rule is applied.
    private static final Pattern LABEL_NAME_WITH_VARIABLES =
            Pattern.compile("(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+");

    public RelabelConfig {
        sourceLabels = List.copyOf(Objects.requireNonNull(sourceLabels, "sourceLabels"));
        Objects.requireNonNull(separator, "separator");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(targetLabel, "targetLabel");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(action, "action");
        validate(sourceLabels, separator, regex, modulus, targetLabel, replacement, action);
    }

    /** A builder preset with Prometheus's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void validate(
            List<String> sourceLabels,
            String separator,
            Regex regex,
            long modulus,
            String targetLabel,
            String replacement,
            RelabelAction action) {
        for (String name : sourceLabels) {
            if (!isValidLabelName(name)) {
                throw new InvalidRelabelConfigException(
                        "source_labels", "\"" + name + "\" is not a valid label name in 'source_labels'");
            }
        }
        if (modulus < 0) {
            throw new InvalidRelabelConfigException("modulus", "modulus must not be negative, got " + modulus);
        }
        if (action == RelabelAction.HASHMOD && modulus == 0) {
            throw new InvalidRelabelConfigException(
                    "modulus", "relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget =
                switch (action) {
                    case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
                    default -> false;
                };
        if (needsTarget && targetLabel.isEmpty()) {
            throw new InvalidRelabelConfigException(
                    "target_label", "relabel configuration for " + action + " action requires 'target_label' value");
        }
        boolean targetMayUseVariables = action == RelabelAction.REPLACE && targetLabel.contains("$");
        boolean validTarget = targetMayUseVariables
                ? LABEL_NAME_WITH_VARIABLES.matcher(targetLabel).matches()
                : isValidLabelName(targetLabel);
        if (needsTarget && !validTarget) {
            throw new InvalidRelabelConfigException(
                    "target_label", "\"" + targetLabel + "\" is invalid 'target_label' for " + action + " action");
        }
        boolean caseOrEquality = action == RelabelAction.LOWERCASE
                || action == RelabelAction.UPPERCASE
                || action == RelabelAction.KEEPEQUAL
                || action == RelabelAction.DROPEQUAL;
        if (caseOrEquality && !replacement.equals(DEFAULT_REPLACEMENT)) {
            throw new InvalidRelabelConfigException(
                    "replacement", "'replacement' can not be set for " + action + " action");
        }
        if (action == RelabelAction.LABELMAP
                && !LABEL_NAME_WITH_VARIABLES.matcher(replacement).matches()) {
            throw new InvalidRelabelConfigException(
                    "replacement", "\"" + replacement + "\" is invalid 'replacement' for " + action + " action");
        }
        if (action == RelabelAction.KEEPEQUAL || action == RelabelAction.DROPEQUAL) {
            if (!regex.source().equals(DEFAULT_REGEX) || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR)) {
                throw new InvalidRelabelConfigException(
                        "action",
                        action + " action requires only 'source_labels' and 'target_label', and no other fields");
            }
        }
        if (action == RelabelAction.LABELDROP || action == RelabelAction.LABELKEEP) {
            if (!sourceLabels.isEmpty()
                    || !targetLabel.isEmpty()
                    || modulus != 0
                    || !separator.equals(DEFAULT_SEPARATOR)
                    || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new InvalidRelabelConfigException(
                        "action", action + " action requires only 'regex', and no other fields");
            }
        }
    }

    /** Whether {@code name} is a valid label name in the legacy character set. */
    public static boolean isValidLabelName(String name) {
        return LEGACY_LABEL_NAME.matcher(name).matches();
    }

    /**
     * A relabel regular expression: the source text as configured (RE2 syntax), and the compiled pattern anchored at
     * both ends. Named groups become plain numbered groups in the Java pattern (Java names cannot hold {@code _});
     * find their numbers with {@link #groupIndex(String)}. Equality is by source text. Immutable and thread-safe.
     */
    public static final class Regex {
        private static final Regex DEFAULT = new Regex(PromRegex.compile(DEFAULT_REGEX));

        private final PromRegex compiled;
        private final Pattern pattern;
        private final int groupCount;

        private Regex(PromRegex compiled) {
            this.compiled = compiled;
            // PromRegex already translated RE2 syntax and set DOTALL; anchoring makes find() agree with matches().
            this.pattern = Pattern.compile(
                    "^" + compiled.pattern().pattern() + "$", compiled.pattern().flags());
            this.groupCount = pattern.matcher("").groupCount();
        }

        /**
         * Compiles a relabel regex written in RE2 syntax (see {@link PromRegex} for the translation to Java).
         *
         * @throws InvalidRelabelConfigException naming field {@code regex} if the expression does not compile
         */
        public static Regex of(String source) {
            Objects.requireNonNull(source, "source");
            if (source.equals(DEFAULT_REGEX)) {
                return DEFAULT;
            }
            try {
                return new Regex(PromRegex.compile(source));
            } catch (IllegalArgumentException e) {
                throw new InvalidRelabelConfigException("regex", describe(source, e));
            }
        }

        private static String describe(String source, IllegalArgumentException e) {
            if (e.getCause() instanceof PatternSyntaxException syntax) {
                // Report the index within the user's text, which the translation may have shifted.
                try {
                    Pattern.compile(source);
                } catch (PatternSyntaxException direct) {
                    syntax = direct;
                }
                return "invalid regular expression \"" + source + "\": " + syntax.getDescription() + " near index "
                        + syntax.getIndex();
            }
            String message = e.getMessage();
            String prefix = "invalid regex \"" + source + "\": ";
            String why = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            return "invalid regular expression \"" + source + "\": " + why;
        }

        /** The default regex {@code (.*)}. */
        public static Regex defaultRegex() {
            return DEFAULT;
        }

        /** The expression as configured. */
        public String source() {
            return compiled.source();
        }

        /** The compiled expression, anchored at both ends. */
        public Pattern pattern() {
            return pattern;
        }

        /** Capture group number of the named group {@code name}, or -1 when the regex has no such group. */
        public int groupIndex(String name) {
            Integer index = compiled.groupNames().get(name);
            return index == null ? -1 : index;
        }

        /** Number of capturing groups. */
        public int groupCount() {
            return groupCount;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Regex other && other.source().equals(source());
        }

        @Override
        public int hashCode() {
            return source().hashCode();
        }

        @Override
        public String toString() {
            return source();
        }
    }

    /** Thrown when a relabel configuration breaks one of Prometheus's rules; {@link #field()} names the culprit. */
    public static final class InvalidRelabelConfigException extends IllegalArgumentException {
        private final String field;

        public InvalidRelabelConfigException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** The configuration key most responsible for the problem, e.g. {@code target_label}. */
        public String field() {
            return field;
        }
    }

    /** Collects fields, starting from Prometheus's defaults. Not thread-safe. */
    public static final class Builder {
        private List<String> sourceLabels = List.of();
        private String separator = DEFAULT_SEPARATOR;
        private Regex regex = Regex.defaultRegex();
        private long modulus;
        private String targetLabel = "";
        private String replacement = DEFAULT_REPLACEMENT;
        private RelabelAction action = DEFAULT_ACTION;

        private Builder() {}

        public Builder sourceLabels(List<String> sourceLabels) {
            this.sourceLabels = sourceLabels;
            return this;
        }

        public Builder separator(String separator) {
            this.separator = separator;
            return this;
        }

        /** Sets the regex from its source text; throws {@link InvalidRelabelConfigException} if it is invalid. */
        public Builder regex(String regex) {
            this.regex = Regex.of(regex);
            return this;
        }

        public Builder modulus(long modulus) {
            this.modulus = modulus;
            return this;
        }

        public Builder targetLabel(String targetLabel) {
            this.targetLabel = targetLabel;
            return this;
        }

        public Builder replacement(String replacement) {
            this.replacement = replacement;
            return this;
        }

        public Builder action(RelabelAction action) {
            this.action = action;
            return this;
        }

        /** Validates and builds; throws {@link InvalidRelabelConfigException} on the first broken rule. */
        public RelabelConfig build() {
            return new RelabelConfig(sourceLabels, separator, regex, modulus, targetLabel, replacement, action);
        }
    }
}
