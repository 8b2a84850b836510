package dev.vigil.alerting.template;

import dev.vigil.config.core.PromDuration;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's template functions for alert annotations and labels: queries ({@code query first label value
 * sortByLabel strvalue}), numbers ({@code humanize humanize1024 humanizeDuration humanizePercentage
 * humanizeTimestamp toTime parseDuration}), strings ({@code title toUpper toLower match reReplaceAll graphLink
 * tableLink stripPort stripDomain}) and others ({@code args safeHtml pathPrefix externalURL}). {@code query} and
 * {@code now} depend on the evaluation and are bound per execution through {@link #bindEvaluation}. Stateless.
 */
public final class PrometheusFunctions {
    private PrometheusFunctions() {}

    /** The functions for templates of a server reachable at {@code externalURL}. */
    public static Functions create(URI externalURL) {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("query", args -> {
            throw new TemplateException("query is only available while evaluating a rule");
        });
        f.put("now", args -> {
            throw new TemplateException("now is only available while evaluating a rule");
        });
        f.put("first", args -> {
            Functions.requireArgs("first", args, 1);
            List<?> samples = list("first", args.get(0));
            if (samples.isEmpty()) {
                throw new TemplateException("first() called on vector with no elements");
            }
            return samples.get(0);
        });
        f.put("label", args -> {
            Functions.requireArgs("label", args, 2);
            String value = sample("label", args.get(1)).labels().get(Functions.stringArg("label", args.get(0)));
            return value == null ? "" : value;
        });
        f.put("value", args -> {
            Functions.requireArgs("value", args, 1);
            return sample("value", args.get(0)).value();
        });
        f.put("strvalue", args -> {
            Functions.requireArgs("strvalue", args, 1);
            String value = sample("strvalue", args.get(0)).labels().get("__value__");
            return value == null ? "" : value;
        });
        f.put("sortByLabel", args -> {
            Functions.requireArgs("sortByLabel", args, 2);
            String label = Functions.stringArg("sortByLabel", args.get(0));
            List<QuerySample> samples = new ArrayList<>();
            for (Object o : list("sortByLabel", args.get(1))) {
                samples.add(sample("sortByLabel", o));
            }
            samples.sort(Comparator.comparing(s -> {
                String v = s.labels().get(label);
                return v == null ? "" : v;
            }));
            return List.copyOf(samples);
        });
        f.put("humanize", number("humanize", Humanize::number));
        f.put("humanize1024", number("humanize1024", Humanize::binary));
        f.put("humanizeDuration", number("humanizeDuration", Humanize::duration));
        f.put("humanizePercentage", number("humanizePercentage", Humanize::percentage));
        f.put("humanizeTimestamp", args -> {
            Functions.requireArgs("humanizeTimestamp", args, 1);
            if (args.get(0) instanceof GoTime t) {
                return t.toString();
            }
            return Humanize.timestamp(GoStrings.toFloat(args.get(0)));
        });
        f.put("toTime", args -> {
            Functions.requireArgs("toTime", args, 1);
            return Humanize.toTime(GoStrings.toFloat(args.get(0)));
        });
        f.put("parseDuration", args -> {
            Functions.requireArgs("parseDuration", args, 1);
            try {
                return PromDuration.parse(Functions.stringArg("parseDuration", args.get(0)))
                                .millis()
                        / 1000.0;
            } catch (IllegalArgumentException e) {
                throw new TemplateException(e.getMessage());
            }
        });
        f.putAll(stringFunctions());
        f.put("graphLink", args -> {
            Functions.requireArgs("graphLink", args, 1);
            return graphLink(Functions.stringArg("graphLink", args.get(0)));
        });
        f.put("tableLink", args -> {
            Functions.requireArgs("tableLink", args, 1);
            return tableLink(Functions.stringArg("tableLink", args.get(0)));
        });
        f.put("stripPort", args -> {
            Functions.requireArgs("stripPort", args, 1);
            String hostPort = Functions.stringArg("stripPort", args.get(0));
            String[] split = GoStrings.splitHostPort(hostPort);
            return split == null ? hostPort : split[0];
        });
        f.put("stripDomain", args -> {
            Functions.requireArgs("stripDomain", args, 1);
            return stripDomain(Functions.stringArg("stripDomain", args.get(0)));
        });
        f.put("args", args -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                map.put("arg" + i, args.get(i));
            }
            return map;
        });
        f.put("safeHtml", args -> {
            Functions.requireArgs("safeHtml", args, 1);
            return Functions.stringArg("safeHtml", args.get(0));
        });
        String url = externalURL.toString();
        String path = externalURL.getRawPath() == null ? "" : externalURL.getRawPath();
        f.put("pathPrefix", args -> path);
        f.put("externalURL", args -> url);
        return Functions.builtins().with(f);
    }

    /**
     * The evaluation-bound functions {@code query} (through {@code queries}, at {@code evalTimeMs}) and {@code now}
     * (the evaluation time in Unix seconds), to pass to {@link Template#execute(Object, Map)}.
     */
    /** The graph page of {@code expr} relative to the external URL, as Prometheus's {@code graphLink}. */
    public static String graphLink(String expr) {
        return "/graph?g0.expr=" + GoStrings.queryEscape(expr) + "&g0.tab=0";
    }

    /** The table page of {@code expr} relative to the external URL, also the alerts' generator URL. */
    public static String tableLink(String expr) {
        return "/graph?g0.expr=" + GoStrings.queryEscape(expr) + "&g0.tab=1";
    }

    public static Map<String, TemplateFunction> bindEvaluation(QueryFunction queries, long evalTimeMs) {
        return Map.of(
                "query",
                args -> {
                    Functions.requireArgs("query", args, 1);
                    return List.copyOf(queries.query(Functions.stringArg("query", args.get(0)), evalTimeMs));
                },
                "now",
                args -> evalTimeMs / 1000.0);
    }

    /** String functions shared with notification templates: title, toUpper, toLower, match, reReplaceAll. */
    static Map<String, TemplateFunction> stringFunctions() {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("title", args -> {
            Functions.requireArgs("title", args, 1);
            return GoStrings.title(Functions.stringArg("title", args.get(0)));
        });
        f.put("toUpper", args -> {
            Functions.requireArgs("toUpper", args, 1);
            return Functions.stringArg("toUpper", args.get(0)).toUpperCase(java.util.Locale.ROOT);
        });
        f.put("toLower", args -> {
            Functions.requireArgs("toLower", args, 1);
            return Functions.stringArg("toLower", args.get(0)).toLowerCase(java.util.Locale.ROOT);
        });
        f.put("match", args -> {
            Functions.requireArgs("match", args, 2);
            return GoStrings.regex(Functions.stringArg("match", args.get(0)))
                    .pattern()
                    .matcher(Functions.stringArg("match", args.get(1)))
                    .find();
        });
        f.put("reReplaceAll", args -> {
            Functions.requireArgs("reReplaceAll", args, 3);
            return GoStrings.replaceAll(
                    GoStrings.regex(Functions.stringArg("reReplaceAll", args.get(0))),
                    Functions.stringArg("reReplaceAll", args.get(1)),
                    Functions.stringArg("reReplaceAll", args.get(2)));
        });
        return f;
    }

    private static String stripDomain(String hostPort) {
        String[] split = GoStrings.splitHostPort(hostPort);
        String host = split == null ? hostPort : split[0];
        if (GoStrings.isIpAddress(host)) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        if (dot >= 0) {
            host = host.substring(0, dot);
        }
        return split != null && !split[1].isEmpty() ? GoStrings.joinHostPort(host, split[1]) : host;
    }

    private interface DoubleToString {
        String apply(double v) throws TemplateException;
    }

    private static TemplateFunction number(String name, DoubleToString format) {
        return args -> {
            Functions.requireArgs(name, args, 1);
            return format.apply(GoStrings.toFloat(args.get(0)));
        };
    }

    private static List<?> list(String name, Object v) throws TemplateException {
        if (v instanceof List<?> l) {
            return l;
        }
        throw new TemplateException(name + "() needs a list of samples, got " + GoValues.typeName(v));
    }

    private static QuerySample sample(String name, Object v) throws TemplateException {
        if (v instanceof QuerySample s) {
            return s;
        }
        throw new TemplateException(name + "() needs a sample, got " + GoValues.typeName(v));
    }
}
