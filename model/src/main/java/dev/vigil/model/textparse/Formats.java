package dev.vigil.model.textparse;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Content negotiation for scrapes: the {@code Accept} headers Prometheus sends, and the choice of
 * parser from a response's {@code Content-Type}.
 *
 * <p>What Prometheus does with a Content-Type it cannot use:
 *
 * <ul>
 *   <li>2.x (2.42 included) parses an empty, unparsable or unknown Content-Type as the text format;
 *       only an unparsable one produced an error, logged at debug level ("Invalid content type on
 *       scrape, using prometheus parser as fallback.").
 *   <li>3.x fails the scrape for an empty, unparsable or unsupported Content-Type unless the scrape
 *       config sets {@code fallback_scrape_protocol}; with it, it uses the fallback and logs the
 *       problem at debug level ("Invalid content type on scrape, using fallback setting."), and
 *       without it logs an error ("Failed to determine correct type of scrape target.").
 * </ul>
 *
 * {@link #forContentType(String)} behaves like 2.x (fallback to the text format) but reports every
 * such problem so the caller can log it; {@link #forContentType(String, ExpositionFormat)} with a
 * {@code null} fallback behaves like 3.x. Protobuf is not supported: Vigil never asks for it.
 */
public final class Formats {
    /** Accept header of Prometheus 3.x with its default scrape protocols and UTF-8 names allowed. */
    public static final String PROMETHEUS_3_ACCEPT =
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                    + "application/openmetrics-text;version=0.0.1;q=0.5,"
                    + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                    + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    /** The same, for a scrape config with {@code metric_name_escaping_scheme: underscores}. */
    public static final String PROMETHEUS_3_ACCEPT_UNDERSCORES =
            "application/openmetrics-text;version=1.0.0;escaping=underscores;q=0.6,"
                    + "application/openmetrics-text;version=0.0.1;q=0.5,"
                    + "text/plain;version=1.0.0;escaping=underscores;q=0.4,"
                    + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    /** Accept header of Prometheus 2.42 to 2.48 (before configurable scrape protocols). */
    public static final String PROMETHEUS_2_42_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private Formats() {}

    /**
     * The parser to use for a response.
     *
     * @param format the format to parse with, or {@code null} if the scrape must fail
     * @param problem why the Content-Type was not used as is (log it at debug level when {@code
     *     format} is set, fail the scrape with it otherwise), or {@code null} if it was fine
     */
    public record Choice(ExpositionFormat format, String problem) {}

    /** Like Prometheus 2.x: anything that is not OpenMetrics is parsed as the text format. */
    public static Choice forContentType(String contentType) {
        return forContentType(contentType, ExpositionFormat.PROMETHEUS_TEXT);
    }

    /**
     * Like Prometheus 3.x: the media type decides; an empty, unparsable or unsupported one uses
     * {@code fallback} (Prometheus's {@code fallback_scrape_protocol}) or, when that is {@code
     * null}, fails.
     */
    public static Choice forContentType(String contentType, ExpositionFormat fallback) {
        String orNone = fallback == null ? " and no fallback_scrape_protocol specified for target" : "";
        String using = fallback == null ? "" : ", using fallback " + fallback;
        if (contentType == null || contentType.isBlank()) {
            return new Choice(fallback, "non-compliant scrape target sending blank Content-Type" + orNone + using);
        }
        String mediaType = mediaType(contentType);
        if (mediaType == null) {
            return new Choice(fallback, "cannot parse Content-Type \"" + contentType + "\"" + orNone + using);
        }
        return switch (mediaType) {
            case "text/plain" -> new Choice(ExpositionFormat.PROMETHEUS_TEXT, null);
            case "application/openmetrics-text" -> new Choice(ExpositionFormat.OPENMETRICS_TEXT, null);
            default ->
                new Choice(fallback, "received unsupported Content-Type \"" + contentType + "\"" + orNone + using);
        };
    }

    /**
     * The lower-cased {@code type/subtype} of a Content-Type value, or {@code null} if it is
     * malformed (a missing token, a stray character, a parameter without {@code =value}, a
     * duplicate parameter), following the rules of Go's {@code mime.ParseMediaType}.
     */
    static String mediaType(String contentType) {
        String[] parts = contentType.split(";", -1);
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        String major = slash < 0 ? type : type.substring(0, slash);
        if (!isToken(major) || (slash >= 0 && !isToken(type.substring(slash + 1)))) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int k = 1; k < parts.length; k++) {
            String param = parts[k].trim();
            if (param.isEmpty()) {
                if (k == parts.length - 1) {
                    break;
                }
                return null;
            }
            int eq = param.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = param.substring(eq + 1).trim();
            boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
            if (!isToken(key) || (!quoted && !isToken(value)) || !seen.add(key)) {
                return null;
            }
        }
        return type;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F || TSPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
