package dev.vigil.alerting.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Go text/template's predefined functions. {@code and} and {@code or} are listed for name resolution but evaluated
 * lazily by the executor, as Go does since 1.18.
 */
final class BuiltinFunctions {
    private BuiltinFunctions() {}

    static Map<String, TemplateFunction> all() {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("and", args -> {
            Object last = null;
            for (Object a : args) {
                last = a;
                if (!GoValues.isTrue(a)) {
                    return a;
                }
            }
            return last;
        });
        f.put("or", args -> {
            Object last = null;
            for (Object a : args) {
                last = a;
                if (GoValues.isTrue(a)) {
                    return a;
                }
            }
            return last;
        });
        f.put("not", args -> {
            Functions.requireArgs("not", args, 1);
            return !GoValues.isTrue(args.get(0));
        });
        f.put("len", args -> {
            Functions.requireArgs("len", args, 1);
            return length(args.get(0));
        });
        f.put("index", BuiltinFunctions::index);
        f.put("print", GoFormat::sprint);
        f.put("println", GoFormat::sprintln);
        f.put("printf", args -> {
            if (args.isEmpty()) {
                throw new TemplateException("wrong number of args for printf: want at least 1 got 0");
            }
            return GoFormat.sprintf(Functions.stringArg("printf", args.get(0)), args.subList(1, args.size()));
        });
        f.put("eq", args -> {
            if (args.size() < 2) {
                throw new TemplateException("missing argument for comparison");
            }
            for (int i = 1; i < args.size(); i++) {
                if (GoValues.equal(args.get(0), args.get(i))) {
                    return true;
                }
            }
            return false;
        });
        f.put("ne", args -> {
            Functions.requireArgs("ne", args, 2);
            return !GoValues.equal(args.get(0), args.get(1));
        });
        f.put("lt", args -> ordered("lt", args) == -1);
        f.put("le", args -> {
            int c = ordered("le", args);
            return c == -1 || c == 0;
        });
        f.put("gt", args -> ordered("gt", args) == 1);
        f.put("ge", args -> {
            int c = ordered("ge", args);
            return c == 1 || c == 0;
        });
        f.put("html", args -> htmlEscape(GoFormat.sprint(args)));
        f.put("urlquery", args -> URLEncoder.encode(GoFormat.sprint(args), StandardCharsets.UTF_8));
        return f;
    }

    private static int ordered(String name, List<Object> args) throws TemplateException {
        Functions.requireArgs(name, args, 2);
        return GoValues.compare(args.get(0), args.get(1));
    }

    static long length(Object v) throws TemplateException {
        v = GoValues.normalize(v);
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        Map<String, ?> map = GoValues.asMap(v);
        if (map != null) {
            return map.size();
        }
        throw new TemplateException("len of type " + GoValues.typeName(v));
    }

    private static Object index(List<Object> args) throws TemplateException {
        if (args.isEmpty()) {
            throw new TemplateException("wrong number of args for index: want at least 1 got 0");
        }
        Object item = args.get(0);
        for (int i = 1; i < args.size(); i++) {
            Object key = GoValues.normalize(args.get(i));
            Object current = GoValues.normalize(item);
            if (current instanceof List<?> list) {
                if (!(key instanceof Long index)) {
                    throw new TemplateException("cannot index slice/array with type " + GoValues.typeName(key));
                }
                if (index < 0 || index >= list.size()) {
                    throw new TemplateException("index out of range: " + index);
                }
                item = list.get((int) (long) index);
            } else if (current instanceof KeyValues kv) {
                String value = kv.get(Functions.stringArg("index", key));
                item = value == null ? "" : value;
            } else if (current instanceof Map<?, ?> map) {
                item = map.containsKey(Functions.stringArg("index", key)) ? map.get(key) : null;
            } else if (current == null || current == GoValues.NO_VALUE) {
                throw new TemplateException("index of untyped nil");
            } else {
                throw new TemplateException("can't index item of type " + GoValues.typeName(current));
            }
        }
        return item;
    }

    static String htmlEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&#34;");
                case 0 -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
