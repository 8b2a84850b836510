package dev.vigil.alerting.template;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How template values behave like Go values: truth, printing ({@code fmt.Sprint}), type names for messages and
 * comparison. Values are {@code null} (nil), {@link #NO_VALUE} (a missing map entry), {@link String}, {@link Long}
 * (Go int), {@link Double} (float64), {@link Boolean}, {@link List}, {@link Map} with string keys,
 * {@link KeyValues}, {@link GoTime} and other {@link TemplateObject}s. Stateless.
 */
public final class GoValues {
    /** The result of looking up a missing key with {@code .key}; prints as {@code <no value>} like Go. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private GoValues() {}

    /** Normalises Java numbers to the two numeric kinds templates know. */
    public static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }

    /** Go's truth: false, 0, nil, "" and empty collections are false. */
    public static boolean isTrue(Object v) {
        v = normalize(v);
        if (v == null || v == NO_VALUE) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof KeyValues kv) {
            return kv.size() > 0;
        }
        if (v instanceof GoTime) {
            return true;
        }
        return true;
    }

    /** {@code fmt.Sprint} of one value. */
    public static String print(Object v) {
        v = normalize(v);
        if (v == null) {
            return "<nil>";
        }
        if (v == NO_VALUE) {
            return "<no value>";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return GoFormat.formatFloat(d, 'g', -1);
        }
        if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(print(list.get(i)));
            }
            return out.append(']').toString();
        }
        Map<String, ?> map = asMap(v);
        if (map != null) {
            StringBuilder out = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, ?> e : sorted(map).entrySet()) {
                if (!first) {
                    out.append(' ');
                }
                first = false;
                out.append(e.getKey()).append(':').append(print(e.getValue()));
            }
            return out.append(']').toString();
        }
        return v.toString();
    }

    /** The entries of a map-like value ({@link Map} or {@link KeyValues}), or null when it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, ?> asMap(Object v) {
        if (v instanceof KeyValues kv) {
            return kv.asMap();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        return null;
    }

    static Map<String, ?> sorted(Map<String, ?> map) {
        return map instanceof java.util.SortedMap<String, ?> ? map : new TreeMap<>(map);
    }

    /** The Go type name of a value, for messages. */
    public static String typeName(Object v) {
        v = normalize(v);
        if (v == null || v == NO_VALUE) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof List<?>) {
            return "[]interface {}";
        }
        if (v instanceof Map<?, ?>) {
            return "map[string]interface {}";
        }
        if (v instanceof TemplateObject o) {
            return o.typeName();
        }
        return v.getClass().getSimpleName();
    }

    /** Whether a value is a number (int or float64). */
    static boolean isNumber(Object v) {
        v = normalize(v);
        return v instanceof Long || v instanceof Double;
    }

    /**
     * Compares two basic values as Go's {@code lt}/{@code eq} do. Unlike Go, an int and a float compare numerically
     * (Go refuses), so {@code gt $value 80} works as users expect.
     *
     * @throws TemplateException for values of incompatible or non-basic types
     */
    static int compare(Object a, Object b) throws TemplateException {
        a = normalize(a);
        b = normalize(b);
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (isNumber(a) && isNumber(b)) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y) ? 0 : 2;
        }
        if (a == null || a == NO_VALUE || b == null || b == NO_VALUE) {
            throw new TemplateException("invalid type for comparison");
        }
        if (isBasic(a) && isBasic(b)) {
            throw new TemplateException("incompatible types for comparison");
        }
        throw new TemplateException("invalid type for comparison");
    }

    /** Go's {@code eq} on two values: basic values by value, other comparable values by equality. */
    static boolean equal(Object a, Object b) throws TemplateException {
        a = normalize(a);
        b = normalize(b);
        if ((a == null || a == NO_VALUE) && (b == null || b == NO_VALUE)) {
            return true;
        }
        if (isBasic(a) || isBasic(b)) {
            return compare(a, b) == 0;
        }
        if (a instanceof List<?> || a instanceof Map<?, ?> || a instanceof KeyValues) {
            throw new TemplateException("non-comparable type " + typeName(a));
        }
        return java.util.Objects.equals(a, b);
    }

    private static boolean isBasic(Object v) {
        return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean;
    }
}
