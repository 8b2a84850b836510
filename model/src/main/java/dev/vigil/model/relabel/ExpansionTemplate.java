package dev.vigil.model.relabel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A replacement template ({@code replacement} or a {@code target_label} with references) parsed once against its
 * regex, expanded with the semantics of Go's {@code regexp.Expand}, which Prometheus uses:
 *
 * <ul>
 *   <li>{@code $$} is a literal {@code $};
 *   <li>{@code $name} takes the longest run of letters, digits and {@code _}, so {@code $1_x} refers to the group
 *       named {@code 1_x}, not to group 1 followed by {@code _x}; {@code ${1}_x} is group 1 then {@code _x};
 *   <li>an all-digit name without leading zeros is a group number; anything else is a group name;
 *   <li>a group that does not exist or did not participate in the match expands to the empty string;
 *   <li>a {@code $} not followed by a valid reference (end of text, {@code ${} without {@code }}, punctuation) is
 *       copied literally.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class ExpansionTemplate {
    private static final int UNKNOWN_GROUP = -1;
    private static final int MAX_GROUP_NUMBER = 100_000_000;

    /** {@code literals[i]} precedes {@code groups[i]}; the last literal has no group after it. */
    private final String[] literals;

    private final int[] groups;
    private final String constant;
    private final int singleGroup;

    private ExpansionTemplate(List<String> literals, List<Integer> groups) {
        this.literals = literals.toArray(String[]::new);
        this.groups = groups.stream().mapToInt(Integer::intValue).toArray();
        this.constant = this.groups.length == 0 ? this.literals[0] : null;
        boolean single = this.groups.length == 1 && this.literals[0].isEmpty() && this.literals[1].isEmpty();
        this.singleGroup = single ? this.groups[0] : Integer.MIN_VALUE;
    }

    /** Parses {@code template}, resolving group names and numbers against {@code regex}. */
    static ExpansionTemplate parse(String template, RelabelConfig.Regex regex) {
        List<String> literals = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int pos = 0;
        while (pos < template.length()) {
            char c = template.charAt(pos);
            if (c != '$') {
                literal.append(c);
                pos++;
                continue;
            }
            if (pos + 1 < template.length() && template.charAt(pos + 1) == '$') {
                literal.append('$');
                pos += 2;
                continue;
            }
            Reference ref = Reference.read(template, pos + 1);
            if (ref == null) {
                literal.append('$');
                pos++;
                continue;
            }
            literals.add(literal.toString());
            literal.setLength(0);
            groups.add(resolve(ref.name, regex));
            pos = ref.end;
        }
        literals.add(literal.toString());
        return new ExpansionTemplate(literals, groups);
    }

    private static int resolve(String name, RelabelConfig.Regex regex) {
        int number = groupNumber(name);
        if (number >= 0) {
            return number <= regex.groupCount() ? number : UNKNOWN_GROUP;
        }
        return regex.groupIndex(name);
    }

    /** The group number {@code name} spells, or -1 when it is a name (non-digits or a leading zero). */
    private static int groupNumber(String name) {
        if (name.length() > 1 && name.charAt(0) == '0') {
            return -1;
        }
        int number = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || number >= MAX_GROUP_NUMBER) {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /** Whether the template has no group references, so it expands to the same text for every match. */
    boolean isConstant() {
        return constant != null;
    }

    /**
     * Expands the template for the current match of {@code matcher} over {@code input}.
     *
     * @param scratch reused to build the result; its previous content is discarded
     */
    String expand(Matcher matcher, String input, StringBuilder scratch) {
        if (constant != null) {
            return constant;
        }
        if (singleGroup != Integer.MIN_VALUE) {
            return group(matcher, input, singleGroup);
        }
        scratch.setLength(0);
        for (int i = 0; i < groups.length; i++) {
            scratch.append(literals[i]);
            int g = groups[i];
            if (g != UNKNOWN_GROUP && matcher.start(g) >= 0) {
                scratch.append(input, matcher.start(g), matcher.end(g));
            }
        }
        scratch.append(literals[groups.length]);
        return scratch.toString();
    }

    private static String group(Matcher matcher, String input, int g) {
        if (g == UNKNOWN_GROUP || matcher.start(g) < 0) {
            return "";
        }
        return input.substring(matcher.start(g), matcher.end(g));
    }

    /** A {@code name} or {@code {name}} reference after a {@code $}; {@code end} is the index just past it. */
    private record Reference(String name, int end) {
        static Reference read(String template, int start) {
            boolean brace = start < template.length() && template.charAt(start) == '{';
            int nameStart = brace ? start + 1 : start;
            int i = nameStart;
            while (i < template.length()) {
                int cp = template.codePointAt(i);
                if (!(Character.isLetter(cp) || Character.isDigit(cp) || cp == '_')) {
                    break;
                }
                i += Character.charCount(cp);
            }
            if (i == nameStart) {
                return null;
            }
            String name = template.substring(nameStart, i);
            if (brace) {
                if (i >= template.length() || template.charAt(i) != '}') {
                    return null;
                }
                i++;
            }
            return new Reference(name, i);
        }
    }
}
