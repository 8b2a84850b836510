package dev.vigil.server.promqldiff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the query file: a PromQL expression, optionally followed by {@code ## known: NAME} naming the
 * {@link KnownDifference} it shows. Blank lines and lines starting with {@code #} are comments.
 *
 * @param known null when Vigil must match Prometheus 2.42 exactly
 */
record QueryCase(int line, String expr, KnownDifference known) {
    private static final String KNOWN_MARK = "## known:";

    static List<QueryCase> load(String resource) throws IOException {
        List<QueryCase> cases = new ArrayList<>();
        try (InputStream in = QueryCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                KnownDifference known = null;
                int mark = text.indexOf(KNOWN_MARK);
                if (mark >= 0) {
                    String name = text.substring(mark + KNOWN_MARK.length()).strip();
                    try {
                        known = KnownDifference.valueOf(name.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(resource + ":" + number + ": unknown difference \"" + name + "\"", e);
                    }
                    text = text.substring(0, mark).strip();
                }
                cases.add(new QueryCase(number, text, known));
            }
        }
        return cases;
    }
}
