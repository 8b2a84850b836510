package dev.vigil.alerting.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of Alertmanager notification templates: {@code join safeHtml reReplaceAll stringSlice toUpper
 * toLower title trimSpace match humanizeDuration date tz toJson}, on top of Go's builtins. Stateless.
 */
public final class NotificationFunctions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Functions FUNCTIONS = Functions.builtins().with(all());

    private NotificationFunctions() {}

    public static Functions create() {
        return FUNCTIONS;
    }

    private static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> f = new HashMap<>(PrometheusFunctions.stringFunctions());
        f.put("join", args -> {
            Functions.requireArgs("join", args, 2);
            String sep = Functions.stringArg("join", args.get(0));
            if (!(args.get(1) instanceof List<?> items)) {
                throw new TemplateException("join needs a list of strings, got " + GoValues.typeName(args.get(1)));
            }
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(Functions.stringArg("join", item));
            }
            return String.join(sep, parts);
        });
        f.put("safeHtml", args -> {
            Functions.requireArgs("safeHtml", args, 1);
            return Functions.stringArg("safeHtml", args.get(0));
        });
        f.put("stringSlice", args -> {
            List<String> out = new ArrayList<>();
            for (Object a : args) {
                out.add(Functions.stringArg("stringSlice", a));
            }
            return out;
        });
        f.put("trimSpace", args -> {
            Functions.requireArgs("trimSpace", args, 1);
            return Functions.stringArg("trimSpace", args.get(0)).strip();
        });
        f.put("humanizeDuration", args -> {
            Functions.requireArgs("humanizeDuration", args, 1);
            return Humanize.duration(GoStrings.toFloat(args.get(0)));
        });
        f.put("date", args -> {
            Functions.requireArgs("date", args, 2);
            return time("date", args.get(1)).format(Functions.stringArg("date", args.get(0)));
        });
        f.put("tz", args -> {
            Functions.requireArgs("tz", args, 2);
            ZonedDateTime t = time("tz", args.get(1)).time();
            return new GoTime(t.withZoneSameInstant(GoTime.zone(Functions.stringArg("tz", args.get(0)))));
        });
        f.put("toJson", args -> {
            Functions.requireArgs("toJson", args, 1);
            try {
                return JSON.writeValueAsString(plain(args.get(0)));
            } catch (JsonProcessingException e) {
                throw new TemplateException("toJson: " + e.getOriginalMessage());
            }
        });
        return f;
    }

    private static GoTime time(String name, Object v) throws TemplateException {
        if (v instanceof GoTime t) {
            return t;
        }
        throw new TemplateException(name + " needs a time, got " + GoValues.typeName(v));
    }

    /** Converts template values to plain Java values Jackson can write. */
    private static Object plain(Object v) {
        v = GoValues.normalize(v);
        if (v instanceof KeyValues kv) {
            return kv.asMap();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new java.util.TreeMap<>();
            map.forEach((k, val) -> out.put(k, plain(val)));
            return out;
        }
        if (v instanceof GoTime || v instanceof TemplateObject || v == GoValues.NO_VALUE) {
            return v == GoValues.NO_VALUE ? null : v.toString();
        }
        return v;
    }
}
