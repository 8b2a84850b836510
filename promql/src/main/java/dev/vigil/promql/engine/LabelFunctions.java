package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.labels.PromRegex;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.GoStrings;
import dev.vigil.promql.value.Vector;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code label_replace} and {@code label_join}. Writing {@code __name__} keeps the name even where an earlier function
 * marked it for dropping, as in Prometheus 3.
 *
 * <p>A call's string arguments are literals, so one {@link LabelFunctions} instance per call checks them once and
 * then maps each input label set, remembering the result per label set: a range query meets the same sets at every
 * step. One thread.
 */
final class LabelFunctions {
    private final boolean replace;
    private final String dst;
    private final PromRegex regex;
    private final String replacement;
    private final String src;
    private final String separator;
    private final List<String> sources;
    private final Map<Labels, Labels> cache = new IdentityHashMap<>();
    private final Map<Labels, Boolean> keepsName = new IdentityHashMap<>();
    private final LabelsBuilder builder = new LabelsBuilder();

    private LabelFunctions(
            boolean replace,
            String dst,
            PromRegex regex,
            String replacement,
            String src,
            String separator,
            List<String> sources) {
        this.replace = replace;
        this.dst = dst;
        this.regex = regex;
        this.replacement = replacement;
        this.src = src;
        this.separator = separator;
        this.sources = sources;
    }

    /** The mapping of {@code label_replace(v, dst, replacement, src, regex)} or {@code label_join(v, dst, sep, src...)}. */
    static LabelFunctions of(Call c, List<String> args) {
        if (c.function().name().equals("label_replace")) {
            String regexText = args.get(4);
            PromRegex regex;
            try {
                regex = PromRegex.compile(regexText);
            } catch (PromRegex.SyntaxError e) {
                throw new QueryException("invalid regular expression in label_replace(): " + regexText);
            }
            if (!isValidLabelName(args.get(1))) {
                throw new QueryException("invalid destination label name in label_replace(): " + args.get(1));
            }
            return new LabelFunctions(true, args.get(1), regex, args.get(2), args.get(3), null, null);
        }
        String dst = args.get(1);
        List<String> sources = List.copyOf(args.subList(3, args.size()));
        if (!isValidLabelName(dst)) {
            throw new QueryException("invalid destination label name in label_join(): " + dst);
        }
        for (String s : sources) {
            if (!isValidLabelName(s)) {
                throw new QueryException("invalid source label name in label_join(): " + s);
            }
        }
        return new LabelFunctions(false, dst, null, null, null, args.get(2), sources);
    }

    /** The output labels of an element with labels {@code l}. */
    Labels labels(Labels l) {
        Labels out = cache.get(l);
        if (out == null) {
            out = compute(l);
            cache.put(l, out);
        }
        return out;
    }

    /** Whether the output still drops the name: unless the function wrote {@code __name__} into these labels. */
    boolean dropName(Labels in, boolean inputDropsName) {
        labels(in);
        return inputDropsName && !keepsName.get(in);
    }

    private Labels compute(Labels l) {
        if (replace) {
            Matcher m = regex.pattern().matcher(l.get(src));
            if (!m.matches()) {
                keepsName.put(l, false);
                return l;
            }
            keepsName.put(l, dst.equals(Labels.METRIC_NAME));
            return builder.reset(l).set(dst, expand(replacement, m, regex)).labels();
        }
        StringBuilder joined = new StringBuilder();
        for (int k = 0; k < sources.size(); k++) {
            if (k > 0) {
                joined.append(separator);
            }
            joined.append(l.get(sources.get(k)));
        }
        keepsName.put(l, dst.equals(Labels.METRIC_NAME));
        return builder.reset(l).set(dst, joined.toString()).labels();
    }

    /** Applies the function to one step's vector. */
    Vector apply(Vector in) {
        Vector out = new Vector(in.size());
        for (int i = 0; i < in.size(); i++) {
            Labels l = in.labels(i);
            out.add(labels(l), in.value(i), in.timestamp(i), dropName(l, in.dropName(i)));
        }
        checkDistinct(out);
        return out;
    }

    static void checkDistinct(Vector v) {
        Set<Labels> seen = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            if (!seen.add(v.labels(i))) {
                throw new QueryException("vector cannot contain metrics with the same labelset");
            }
        }
    }

    /** Prometheus 3 accepts any non-empty UTF-8 label name (strings from PromQL may hold bytes that are not UTF-8). */
    static boolean isValidLabelName(String name) {
        return !name.isEmpty() && GoStrings.isValidUtf8(name);
    }

    /**
     * Expands {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} and {@code $$} as Go's regexp does; a name that
     * is no group of the regex (see {@link PromRegex#groupNames()}) expands to nothing.
     */
    static String expand(String template, Matcher m, PromRegex regex) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch != '$' || i + 1 >= template.length()) {
                out.append(ch);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(ch);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < template.length() && isNameChar(template.charAt(end))) {
                    end++;
                }
                name = template.substring(i + 1, end);
            }
            if (name.isEmpty()) {
                out.append(ch);
                i++;
                continue;
            }
            out.append(group(m, regex, name));
            i = end;
        }
        return out.toString();
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A numbered or named group's text, empty when there is no such group or it did not take part. */
    private static String group(Matcher m, PromRegex regex, String name) {
        String g;
        if (name.chars().allMatch(Character::isDigit)) {
            int idx;
            try {
                idx = Integer.parseInt(name);
            } catch (NumberFormatException tooBig) {
                return "";
            }
            g = idx <= m.groupCount() ? m.group(idx) : null;
        } else {
            Integer idx = regex.groupNames().get(name);
            g = idx == null ? null : m.group(idx);
        }
        return g == null ? "" : g;
    }
}
