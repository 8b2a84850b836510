package dev.vigil.promql.promqltest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed promqltest script (Prometheus's {@code promql/promqltest} language): {@code load}, {@code clear} and
 * {@code eval} commands with their indented bodies. Parsing only splits commands and reads their headers; the series
 * notation is read by {@link SeriesNotation}.
 */
final class TestScript {
    sealed interface Command permits Load, Clear, Eval {}

    /** {@code load <interval>} or {@code load_with_nhcb <interval>} with its series lines. */
    record Load(int line, long intervalMs, boolean withNhcb, List<String> series) implements Command {}

    record Clear(int line) implements Command {}

    /**
     * An {@code eval} with its expectations.
     *
     * @param stepMs 0 for an instant query
     * @param expectations the {@code expect ...} lines (legacy {@code eval_fail} etc. are turned into them)
     * @param results the expected series lines
     */
    record Eval(
            String file,
            int line,
            String query,
            long startMs,
            long endMs,
            long stepMs,
            List<String> expectations,
            List<String> results)
            implements Command {
        String id() {
            return file + ":" + line;
        }
    }

    private static final Pattern INSTANT = Pattern.compile("^(eval\\w*)\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern RANGE =
            Pattern.compile("^(eval\\w*)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
    private static final Pattern LOAD = Pattern.compile("^(load|load_with_nhcb)\\s+(\\S+)$");

    private TestScript() {}

    static List<Command> parse(String file, List<String> lines) {
        List<Command> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.size() && !isCommand(lines.get(i))) {
                String b = lines.get(i).trim();
                if (!b.isEmpty() && !b.startsWith("#")) {
                    body.add(b);
                }
                i++;
            }
            out.add(command(file, start, line, body));
        }
        return out;
    }

    /** Commands start in column 0; bodies are indented (a few expected results are not, so check the keyword). */
    private static boolean isCommand(String raw) {
        if (raw.isEmpty() || Character.isWhitespace(raw.charAt(0))) {
            return false;
        }
        return raw.startsWith("load") || raw.startsWith("clear") || raw.startsWith("eval") || raw.startsWith("#");
    }

    private static Command command(String file, int lineNo, String line, List<String> body) {
        Matcher m = LOAD.matcher(line);
        if (m.matches()) {
            return new Load(lineNo, Durations.parseMs(m.group(2)), m.group(1).equals("load_with_nhcb"), body);
        }
        if (line.equals("clear")) {
            return new Clear(lineNo);
        }
        m = INSTANT.matcher(line);
        if (m.matches()) {
            long t = Durations.parseMs(m.group(2));
            return eval(file, lineNo, m.group(1), m.group(3), t, t, 0, body);
        }
        m = RANGE.matcher(line);
        if (m.matches()) {
            return eval(
                    file,
                    lineNo,
                    m.group(1),
                    m.group(5),
                    Durations.parseMs(m.group(2)),
                    Durations.parseMs(m.group(3)),
                    Durations.parseMs(m.group(4)),
                    body);
        }
        throw new IllegalArgumentException(file + ":" + lineNo + ": cannot read command: " + line);
    }

    private static Eval eval(
            String file, int line, String keyword, String query, long start, long end, long step, List<String> body) {
        List<String> expectations = new ArrayList<>();
        List<String> results = new ArrayList<>();
        switch (keyword) {
            case "eval":
                break;
            case "eval_fail":
                expectations.add("expect fail");
                break;
            case "eval_warn":
                expectations.add("expect warn");
                break;
            case "eval_info":
                expectations.add("expect info");
                break;
            case "eval_ordered":
                expectations.add("expect ordered");
                break;
            default:
                throw new IllegalArgumentException(file + ":" + line + ": unknown command " + keyword);
        }
        for (String b : body) {
            if (b.startsWith("expect ") || b.startsWith("expected_fail_")) {
                expectations.add(b);
            } else {
                results.add(b);
            }
        }
        return new Eval(file, line, query.trim(), start, end, step, expectations, results);
    }
}
