package dev.vigil.alerting.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed set of Go text/template templates: a main template plus everything it (or other sources added with
 * {@link Builder#add}) {@code define}s. Parse once, execute many times; instances are immutable and thread-safe.
 *
 * <p>Supported: text with {@code {{ }}} actions and {@code {{- -}}} trim markers, comments, pipelines with
 * {@code |}, variables ({@code $x :=}, {@code $x =}, {@code $}), {@code .Field} chains on maps and
 * {@link TemplateObject}s, parenthesised pipelines, {@code if}/{@code else if}/{@code else}, {@code with},
 * {@code range} (lists, maps in key order, integers; {@code $i, $v :=}; {@code break}/{@code continue}),
 * {@code define}, {@code template}, {@code block}, and the functions of the given {@link Functions}.
 *
 * <pre>{@code
 * Template t = Template.parse("summary", "{{ $labels.instance }} is down", PrometheusFunctions.forAlerts(...));
 * String text = t.execute(data);
 * }</pre>
 */
public final class Template {
    private final String mainName;
    private final Map<String, Definition> definitions;
    private final Functions functions;
    private final Map<String, Template> textCache = new ConcurrentHashMap<>();

    /** One named template: its body and the source it was parsed from (for error positions). */
    record Definition(String name, java.util.List<Node> body, String sourceName, String source) {}

    private Template(String mainName, Map<String, Definition> definitions, Functions functions) {
        this.mainName = mainName;
        this.definitions = Collections.unmodifiableMap(definitions);
        this.functions = functions;
    }

    /** Parses one template text; {@code name} names it in error messages. */
    public static Template parse(String name, String text, Functions functions) throws TemplateException {
        return builder(functions).add(name, text).build();
    }

    public static Builder builder(Functions functions) {
        return new Builder(functions);
    }

    /** Collects several sources (e.g. notification template files) into one set. Not thread-safe. */
    public static final class Builder {
        private final Functions functions;
        private final Map<String, Definition> definitions = new LinkedHashMap<>();
        private String mainName;

        private Builder(Functions functions) {
            this.functions = Objects.requireNonNull(functions, "functions");
        }

        /**
         * Parses {@code text} as the template {@code name}; its {@code define}s join the set, replacing earlier
         * definitions of the same name (later files win, as when Alertmanager parses its template files in order).
         */
        public Builder add(String name, String text) throws TemplateException {
            Parser.Result result = Parser.parse(name, text, functions);
            if (mainName == null) {
                mainName = name;
            }
            definitions.put(name, new Definition(name, result.body(), name, text));
            result.defined().forEach((n, body) -> definitions.put(n, new Definition(n, body, name, text)));
            return this;
        }

        public Template build() {
            return new Template(mainName == null ? "" : mainName, new LinkedHashMap<>(definitions), functions);
        }
    }

    /** The main template's name. */
    public String name() {
        return mainName;
    }

    /** The names of all templates in the set. */
    public Set<String> names() {
        return definitions.keySet();
    }

    public boolean isDefined(String name) {
        return definitions.containsKey(name);
    }

    Functions functions() {
        return functions;
    }

    Definition definition(String name) {
        return definitions.get(name);
    }

    /** Executes the main template with {@code data} as dot. */
    public String execute(Object data) throws TemplateException {
        return executeTemplate(mainName, data, Map.of());
    }

    /**
     * Executes the main template; {@code bound} replaces same-named functions for this execution only (e.g. the
     * evaluation-time {@code query} of {@link PrometheusFunctions#bindEvaluation}).
     */
    public String execute(Object data, Map<String, TemplateFunction> bound) throws TemplateException {
        return executeTemplate(mainName, data, bound);
    }

    /** Executes the template called {@code name} with {@code data} as dot. */
    public String executeTemplate(String name, Object data) throws TemplateException {
        return executeTemplate(name, data, Map.of());
    }

    private String executeTemplate(String name, Object data, Map<String, TemplateFunction> bound)
            throws TemplateException {
        Definition definition = definitions.get(name);
        if (definition == null) {
            throw new TemplateException("template: no template " + GoFormat.quote(name) + " associated with template "
                    + GoFormat.quote(mainName));
        }
        StringBuilder out = new StringBuilder();
        new Executor(this, bound, out).run(definition, data);
        return out.toString();
    }

    /**
     * Parses {@code text} as a template that may call this set's templates and executes it, as Alertmanager does for
     * each notification field ({@code title: '{{ template "slack.default.title" . }}'}). Parsed texts are cached.
     */
    public String executeText(String text, Object data) throws TemplateException {
        if (!text.contains("{{")) {
            return text;
        }
        Template compiled = textCache.get(text);
        if (compiled == null) {
            Parser.Result result = Parser.parse("text", text, functions);
            Map<String, Definition> merged = new LinkedHashMap<>(definitions);
            merged.put("text", new Definition("text", result.body(), "text", text));
            result.defined().forEach((n, body) -> merged.put(n, new Definition(n, body, "text", text)));
            compiled = new Template("text", merged, functions);
            textCache.put(text, compiled);
        }
        return compiled.execute(data);
    }
}
