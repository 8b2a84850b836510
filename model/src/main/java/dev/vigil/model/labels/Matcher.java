package dev.vigil.model.labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A label matcher {@code name op "value"} with {@code op} one of {@code =}, {@code !=}, {@code =~}, {@code !~}.
 *
 * <p>Regexes use RE2 syntax, are fully anchored and let {@code .} match newlines (see {@link PromRegex} for the
 * translation to java.util.regex). They are compiled once, at construction. Common shapes skip the regex engine:
 * a literal ({@code foo}), an alternation of literals ({@code a|b|c}, optionally inside one group), a literal prefix
 * ({@code foo.*}), {@code .*} and {@code .+}. An index can turn them into direct lookups through {@link #setMatches()}
 * and {@link #prefix()}.
 *
 * <p>A label that is absent has the value {@code ""}, so {@code matches("")} tells whether series lacking the label are
 * selected (see {@link #matchesEmpty()}).
 *
 * <p>Thread-safe: instances are immutable.
 */
public final class Matcher {
    private enum Shape {
        REGEX,
        SET,
        PREFIX,
        ANY,
        NON_EMPTY
    }

    private final MatchType type;
    private final String name;
    private final String value;
    private final PromRegex regex;
    private final Shape shape;
    private final List<String> setList;
    private final Set<String> set;
    private final String prefix;

    private Matcher(MatchType type, String name, String value) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "label name");
        this.value = Objects.requireNonNull(value, "matcher value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("matcher label name is empty (value \"" + value + "\")");
        }
        if (!type.isRegex()) {
            this.regex = null;
            this.shape = Shape.SET;
            this.setList = List.of(value);
            this.set = Set.of(value);
            this.prefix = null;
            return;
        }
        try {
            this.regex = PromRegex.compile(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matcher " + name + type.symbol() + ": " + e.getMessage(), e);
        }
        List<String> alternatives = literalAlternatives(stripOuterGroup(value));
        String literalPrefix = value.endsWith(".*") ? literal(value, 0, value.length() - 2) : null;
        if (value.equals(".*")) {
            shape = Shape.ANY;
        } else if (value.equals(".+")) {
            shape = Shape.NON_EMPTY;
        } else if (alternatives != null) {
            shape = Shape.SET;
        } else if (literalPrefix != null) {
            shape = Shape.PREFIX;
        } else {
            shape = Shape.REGEX;
        }
        this.setList = shape == Shape.SET ? Collections.unmodifiableList(alternatives) : List.of();
        this.set = shape == Shape.SET ? new HashSet<>(alternatives) : Set.of();
        this.prefix = shape == Shape.PREFIX ? literalPrefix : shape == Shape.ANY ? "" : null;
    }

    public static Matcher of(MatchType type, String name, String value) {
        return new Matcher(type, name, value);
    }

    public static Matcher equal(String name, String value) {
        return new Matcher(MatchType.EQUAL, name, value);
    }

    public static Matcher notEqual(String name, String value) {
        return new Matcher(MatchType.NOT_EQUAL, name, value);
    }

    /** @throws IllegalArgumentException when {@code regex} is invalid RE2 syntax */
    public static Matcher regex(String name, String regex) {
        return new Matcher(MatchType.REGEX, name, regex);
    }

    /** @throws IllegalArgumentException when {@code regex} is invalid RE2 syntax */
    public static Matcher notRegex(String name, String regex) {
        return new Matcher(MatchType.NOT_REGEX, name, regex);
    }

    /** Whether a label value (use {@code ""} for an absent label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        return switch (type) {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> matchesRegex(labelValue);
            case NOT_REGEX -> !matchesRegex(labelValue);
        };
    }

    /** Whether {@code labels} satisfy this matcher; an absent label counts as {@code ""}. */
    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** Whether series without this label are selected. */
    public boolean matchesEmpty() {
        return matches("");
    }

    private boolean matchesRegex(String v) {
        return switch (shape) {
            case SET -> set.contains(v);
            case PREFIX -> v.startsWith(prefix);
            case ANY -> true;
            case NON_EMPTY -> !v.isEmpty();
            case REGEX -> regex.matches(v);
        };
    }

    /**
     * The exact values this matcher's positive form accepts, when that is a finite set: {@code [value]} for {@code =}
     * and {@code !=}, the alternatives for regexes like {@code a|b|c}; otherwise an empty list. For {@code !=} and
     * {@code !~} the matcher accepts everything except these values.
     */
    public List<String> setMatches() {
        return setList;
    }

    /**
     * The literal prefix when the regex is {@code prefix.*} (the empty prefix for {@code .*}); empty for other
     * shapes and for {@code =}/{@code !=}. For {@code !~} the matcher accepts values without this prefix.
     */
    public Optional<String> prefix() {
        return Optional.ofNullable(prefix);
    }

    public MatchType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** The compiled regex for {@code =~}/{@code !~}; empty for {@code =}/{@code !=}. */
    public Optional<PromRegex> regex() {
        return Optional.ofNullable(regex);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Matcher)) {
            return false;
        }
        Matcher m = (Matcher) o;
        return type == m.type && name.equals(m.name) && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, value);
    }

    /** PromQL form, e.g. {@code job=~"api|web"}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (LabelStrings.isLegacyName(name)) {
            out.append(name);
        } else {
            LabelStrings.appendQuoted(out, name);
        }
        out.append(type.symbol());
        LabelStrings.appendQuoted(out, value);
        return out.toString();
    }

    /** Removes one enclosing {@code (...)} or {@code (?:...)} when it spans the whole regex and holds no groups. */
    private static String stripOuterGroup(String re) {
        int start = re.startsWith("(?:") ? 3 : re.startsWith("(") && !re.startsWith("(?") ? 1 : -1;
        if (start < 0 || !re.endsWith(")") || re.length() < start + 1) {
            return re;
        }
        String inner = re.substring(start, re.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == ')') {
                return re;
            }
        }
        return inner;
    }

    /** The alternatives of {@code a|b|c} when every one is a literal, de-duplicated in order; otherwise null. */
    private static List<String> literalAlternatives(String re) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= re.length(); i++) {
            if (i == re.length() || re.charAt(i) == '|') {
                String lit = literal(re, start, i);
                if (lit == null) {
                    return null;
                }
                out.add(lit);
                start = i + 1;
            } else if (re.charAt(i) == '\\') {
                i++;
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(out));
    }

    /** The unescaped text of {@code re[from, to)} when it holds no regex operators; otherwise null. */
    private static String literal(String re, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 >= to) {
                    return null;
                }
                char next = re.charAt(++i);
                if (next >= 0x80 || Character.isLetterOrDigit(next)) {
                    return null;
                }
                out.append(next);
            } else if (".+*?()|[]{}^$".indexOf(c) >= 0) {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
