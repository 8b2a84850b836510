package dev.vigil.model.textparse;

import java.util.ArrayList;
import java.util.List;

/** Renders parser entries as one canonical line each, so tests compare whole bodies as text. */
final class Dump {
    private Dump() {}

    static List<String> all(ExpositionParser p) throws TextParseException {
        List<String> out = new ArrayList<>();
        Entry e;
        do {
            e = p.next();
            out.add(entry(p, e));
        } while (e != Entry.EOF);
        return out;
    }

    static String entry(ExpositionParser p, Entry e) {
        return switch (e) {
            case HELP -> "HELP " + name(p.metricName()) + " " + quote(p.help());
            case TYPE -> "TYPE " + name(p.metricName()) + " " + p.type();
            case UNIT -> "UNIT " + name(p.metricName()) + " " + quote(p.unit());
            case COMMENT -> "COMMENT " + quote(p.comment());
            case EOF -> "EOF";
            case SERIES -> series(p);
        };
    }

    private static String series(ExpositionParser p) {
        StringBuilder s =
                new StringBuilder("SERIES ").append(name(p.metricName())).append('{');
        for (int i = 0; i < p.labelCount(); i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(name(p.labelName(i))).append('=').append(quote(p.labelValue(i)));
        }
        s.append("} ").append(number(p.value()));
        if (p.hasTimestamp()) {
            s.append(" @").append(p.timestampMs());
        }
        if (p.hasExemplar()) {
            s.append(" # {");
            for (int i = 0; i < p.exemplarLabelCount(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                s.append(name(p.exemplarLabelName(i))).append('=').append(quote(p.exemplarLabelValue(i)));
            }
            s.append("} ").append(number(p.exemplarValue()));
            if (p.exemplarHasTimestamp()) {
                s.append(" @").append(p.exemplarTimestampMs());
            }
        }
        return s.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }

    static String name(String n) {
        boolean plain = !n.isEmpty();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            plain &= Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == ':';
        }
        return plain ? n : quote(n);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Turns {@code \n \t \\ \xNN} in a one-line test-table cell into the bytes they stand for. */
    static byte[] unescapeCell(String cell) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] b = cell.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\\' && i + 1 < b.length) {
                char e = (char) b[i + 1];
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case '\\' -> out.write('\\');
                    case 'x' -> {
                        out.write(Integer.parseInt(
                                new String(b, i + 2, 2, java.nio.charset.StandardCharsets.US_ASCII), 16));
                        i += 2;
                    }
                    default -> {
                        out.write('\\');
                        out.write(e);
                    }
                }
                i++;
            } else {
                out.write(b[i]);
            }
        }
        return out.toByteArray();
    }
}
