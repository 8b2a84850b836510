package dev.vigil.alerting.template;

import dev.vigil.model.labels.Labels;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Expands alerting-rule annotations and labels the way Prometheus does: the text sees {@code $labels},
 * {@code $value}, {@code $externalLabels}, {@code $externalURL} and dot with {@code .Labels}, {@code .Value},
 * {@code .ExternalLabels}, {@code .ExternalURL}; a template that fails to parse or execute expands to
 * {@code <error expanding template: ...>} instead of failing the rule. Texts are parsed once and cached per alert
 * name and text.
 *
 * <p>Thread-safe: one expander serves all rule groups of a server.
 *
 * <pre>{@code
 * var expander = new AlertTemplateExpander(URI.create("http://vigil:9090"), Map.of("cluster", "eu1"), queryFn);
 * String summary = expander.expand("HighLatency", "{{ $labels.job }} p99 is {{ $value | humanize }}s",
 *         alertLabels, 1.234, evalTimeMs);
 * }</pre>
 */
public final class AlertTemplateExpander {
    /** The same variable prelude Prometheus prepends, so error columns match Prometheus's too. */
    private static final String PRELUDE = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private final Functions functions;
    private final KeyValues externalLabels;
    private final String externalURL;
    private final QueryFunction queries;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    public AlertTemplateExpander(URI externalURL, Map<String, String> externalLabels, QueryFunction queries) {
        this.functions = PrometheusFunctions.create(externalURL);
        this.externalLabels = KeyValues.of(externalLabels);
        this.externalURL = externalURL.toString();
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /** Expands {@code text} for one alert; never throws. */
    public String expand(String alertName, String text, Labels labels, double value, long evalTimeMs) {
        if (!text.contains("{{")) {
            return text;
        }
        Object compiled = cache.computeIfAbsent(alertName + "\u0000" + text, k -> compile(alertName, text));
        if (compiled instanceof String parseError) {
            return errorText(parseError);
        }
        try {
            return ((Template) compiled)
                    .execute(
                            new Data(KeyValues.of(labels), externalLabels, externalURL, value),
                            PrometheusFunctions.bindEvaluation(queries, evalTimeMs));
        } catch (TemplateException e) {
            return errorText(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return errorText(e.toString());
        }
    }

    /** Checks that {@code text} parses; returns the error message, if any (for rule file validation). */
    public static java.util.Optional<String> validate(String alertName, String text) {
        try {
            Template.parse("__alert_" + alertName, PRELUDE + text, PrometheusFunctions.create(URI.create("")));
            return java.util.Optional.empty();
        } catch (TemplateException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    private Object compile(String alertName, String text) {
        try {
            return Template.parse("__alert_" + alertName, PRELUDE + text, functions);
        } catch (TemplateException e) {
            return e.getMessage();
        }
    }

    private static String errorText(String message) {
        return "<error expanding template: " + message + ">";
    }

    /** Dot of an alert template. */
    private record Data(KeyValues labels, KeyValues externalLabels, String externalURL, double value)
            implements TemplateObject {
        @Override
        public boolean hasMember(String name) {
            return switch (name) {
                case "Labels", "ExternalLabels", "ExternalURL", "Value" -> true;
                default -> false;
            };
        }

        @Override
        public Object member(String name, List<Object> args) {
            return switch (name) {
                case "Labels" -> labels;
                case "ExternalLabels" -> externalLabels;
                case "ExternalURL" -> externalURL;
                default -> value;
            };
        }

        @Override
        public String typeName() {
            return "template.tmplData";
        }
    }
}
