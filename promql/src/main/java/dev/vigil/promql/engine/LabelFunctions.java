package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import dev.vigil.model.labels.PromRegex;
import dev.vigil.promql.ast.Call;
import dev.vigil.promql.ast.GoStrings;
import dev.vigil.promql.value.Vector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code label_replace} and {@code label_join}. Writing {@code __name__} keeps the name even where an earlier function
 * marked it for dropping, as in Prometheus 3.
 */
final class LabelFunctions {
    private LabelFunctions() {}

    /** label_replace(v, dst, replacement, src, regex); {@code args} holds the string arguments from index 1. */
    static Vector replace(Call c, Vector in, List<String> args) {
        String dst = args.get(1);
        String replacement = args.get(2);
        String src = args.get(3);
        String regex = args.get(4);
        PromRegex pattern;
        try {
            pattern = PromRegex.compile(regex);
        } catch (IllegalArgumentException e) {
            throw new QueryException("invalid regular expression in label_replace(): " + regex);
        }
        if (!isValidLabelName(dst)) {
            throw new QueryException("invalid destination label name in label_replace(): " + dst);
        }
        Vector out = new Vector(in.size());
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < in.size(); i++) {
            Labels l = in.labels(i);
            Matcher m = pattern.pattern().matcher(l.get(src));
            boolean drop = in.dropName(i);
            if (m.matches()) {
                b.reset(l);
                b.set(dst, expand(replacement, m, pattern));
                l = b.labels();
                if (dst.equals(Labels.METRIC_NAME)) {
                    drop = false;
                }
            }
            out.add(l, in.value(i), in.timestamp(i), drop);
        }
        checkDistinct(out);
        return out;
    }

    /** label_join(v, dst, separator, src...); {@code args} holds the string arguments from index 1. */
    static Vector join(Call c, Vector in, List<String> args) {
        String dst = args.get(1);
        String separator = args.get(2);
        List<String> sources = args.subList(3, args.size());
        if (!isValidLabelName(dst)) {
            throw new QueryException("invalid destination label name in label_join(): " + dst);
        }
        for (String s : sources) {
            if (!isValidLabelName(s)) {
                throw new QueryException("invalid source label name in label_join(): " + s);
            }
        }
        Vector out = new Vector(in.size());
        LabelsBuilder b = new LabelsBuilder();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < in.size(); i++) {
            Labels l = in.labels(i);
            joined.setLength(0);
            for (int k = 0; k < sources.size(); k++) {
                if (k > 0) {
                    joined.append(separator);
                }
                joined.append(l.get(sources.get(k)));
            }
            b.reset(l);
            b.set(dst, joined.toString());
            boolean drop = in.dropName(i) && !dst.equals(Labels.METRIC_NAME);
            out.add(b.labels(), in.value(i), in.timestamp(i), drop);
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

    /** Expands {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} and {@code $$} as Go's regexp does. */
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
