package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Values written with the exposition escapes come back unchanged, in both formats. */
class EscapeRoundTripTest {
    private static final String ALPHABET = "ab\\\"\n {}=,#\t\0üß日本🙂";

    @Test
    void labelValuesAndHelpSurviveEscaping() throws Exception {
        Random random = new Random(11);
        for (int round = 0; round < 2000; round++) {
            String value = randomString(random);
            String help = randomString(random);
            String name = "n." + randomString(random).replace("\n", "");
            String body = "# HELP m " + escapeHelp(help, false) + "\n" + "m{l=\"" + escape(value) + "\",\""
                    + escape(name) + "\"=\"x\"} 1\n";
            ExpositionParser text = ExpositionFormat.PROMETHEUS_TEXT.newParser(body.getBytes(StandardCharsets.UTF_8));
            assertThat(text.next()).isEqualTo(Entry.HELP);
            assertThat(text.help()).isEqualTo(help);
            assertThat(text.next()).isEqualTo(Entry.SERIES);
            assertThat(text.labelValue(0)).isEqualTo(value);
            assertThat(text.labelName(1)).isEqualTo(name);

            String om = "# HELP m " + escapeHelp(help, true) + "\n" + "m{l=\"" + escape(value) + "\"} 1 # {\""
                    + escape(name) + "\"=\"" + escape(value) + "\"} 1\n# EOF\n";
            ExpositionParser p = ExpositionFormat.OPENMETRICS_TEXT.newParser(om.getBytes(StandardCharsets.UTF_8));
            assertThat(p.next()).isEqualTo(Entry.HELP);
            assertThat(p.help()).isEqualTo(help);
            assertThat(p.next()).isEqualTo(Entry.SERIES);
            assertThat(p.labelValue(0)).isEqualTo(value);
            assertThat(p.exemplarLabelName(0)).isEqualTo(name);
            assertThat(p.exemplarLabelValue(0)).isEqualTo(value);
        }
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int at = random.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(at);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String escapeHelp(String s, boolean openMetrics) {
        String out = s.replace("\\", "\\\\").replace("\n", "\\n");
        return openMetrics ? out.replace("\"", "\\\"") : out;
    }
}
