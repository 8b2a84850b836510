package dev.vigil.ui.api;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret settings in a configuration file's text with {@code <secret>}, as Prometheus shows
 * them in {@code /api/v1/status/config}: passwords, bearer tokens, credentials, client secrets, header secrets, API
 * keys and secret URLs of Prometheus and Alertmanager configurations. Works on the text, so the file's layout and
 * comments stay as written: a secret key's scalar value (plain, quoted, or in a flow mapping), its block scalar
 * ({@code |}, {@code >}) and its sequence items are replaced. Stateless.
 */
final class SecretRedaction {
    static final String SECRET = "<secret>";

    /** Keys whose values Prometheus and Alertmanager hold as {@code Secret} or {@code SecretURL}. */
    private static final Set<String> SECRET_KEYS = Set.of(
            "password",
            "bearer_token",
            "credentials",
            "client_secret",
            "secret_key",
            "secrets",
            "smtp_auth_password",
            "smtp_auth_secret",
            "auth_password",
            "auth_secret",
            "slack_api_url",
            "api_url",
            "api_key",
            "api_secret",
            "routing_key",
            "service_key",
            "bot_token",
            "token",
            "user_key",
            "webhook_url",
            "url_secret",
            "key");

    private static final String KEYS = String.join("|", SECRET_KEYS);
    private static final Pattern BLOCK_ENTRY =
            Pattern.compile("^(\\s*(?:-\\s+)?)(\"?)(" + KEYS + ")\\2(\\s*:)(\\s*)(.*)$");
    private static final Pattern FLOW_ENTRY =
            Pattern.compile("([{,]\\s*)(\"?)(" + KEYS + ")\\2(\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^,}\\]]+)");

    private SecretRedaction() {}

    static String redact(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher m = BLOCK_ENTRY.matcher(line);
            if (m.matches()) {
                String value = m.group(6);
                String indentOfKey = m.group(1).replace('-', ' ');
                String head = m.group(1) + m.group(2) + m.group(3) + m.group(2) + m.group(4);
                if (value.isEmpty() || value.startsWith("#")) {
                    // A block below the key: a sequence of secrets or a block scalar.
                    append(out, line, i, lines.length);
                    i++;
                    while (i < lines.length && isNestedUnder(lines[i], indentOfKey.length())) {
                        append(out, redactNestedLine(lines[i]), i, lines.length);
                        i++;
                    }
                    continue;
                }
                if (value.startsWith("|") || value.startsWith(">")) {
                    append(out, head + m.group(5) + value, i, lines.length);
                    i++;
                    // The block's text becomes one line holding the placeholder.
                    boolean first = true;
                    while (i < lines.length && isNestedUnder(lines[i], indentOfKey.length())) {
                        if (first && !lines[i].isBlank()) {
                            append(out, leadingSpace(lines[i]) + SECRET, i, lines.length);
                            first = false;
                        }
                        i++;
                    }
                    continue;
                }
                if (!value.startsWith("{") && !value.startsWith("[")) {
                    append(out, head + " " + SECRET, i, lines.length);
                    i++;
                    continue;
                }
            }
            append(out, redactFlow(line), i, lines.length);
            i++;
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String line, int index, int count) {
        out.append(line);
        if (index < count - 1) {
            out.append('\n');
        }
    }

    /** Blank or more indented than the key (a sequence item may sit at the key's own indentation). */
    private static boolean isNestedUnder(String line, int keyIndent) {
        if (line.isBlank()) {
            return true;
        }
        int indent = leadingSpace(line).length();
        return indent > keyIndent || (indent == keyIndent && line.stripLeading().startsWith("- "));
    }

    private static String redactNestedLine(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("- ")) {
            return leadingSpace(line) + "- " + SECRET;
        }
        return line;
    }

    private static String redactFlow(String line) {
        Matcher m = FLOW_ENTRY.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement(m.group(1) + m.group(2) + m.group(3) + m.group(2) + m.group(4) + SECRET));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String leadingSpace(String line) {
        int n = 0;
        while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
            n++;
        }
        return line.substring(0, n);
    }
}
