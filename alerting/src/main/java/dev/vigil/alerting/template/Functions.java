package dev.vigil.alerting.template;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable set of named template functions. {@link #builtins()} holds Go's predefined functions ({@code and or not
 * len index print printf println eq ne lt le gt ge html urlquery}); {@link PrometheusFunctions} and
 * {@link NotificationFunctions} add the alerting ones. Thread-safe.
 */
public final class Functions {
    private static final Functions BUILTINS = new Functions(BuiltinFunctions.all());

    private final Map<String, TemplateFunction> functions;

    private Functions(Map<String, TemplateFunction> functions) {
        this.functions = Collections.unmodifiableMap(new HashMap<>(functions));
    }

    /** Go's predefined functions only. */
    public static Functions builtins() {
        return BUILTINS;
    }

    /** A copy with {@code more} added; a name already present is replaced. */
    public Functions with(Map<String, TemplateFunction> more) {
        Map<String, TemplateFunction> copy = new HashMap<>(functions);
        copy.putAll(more);
        return new Functions(copy);
    }

    public boolean contains(String name) {
        return functions.containsKey(name);
    }

    public Optional<TemplateFunction> get(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    public Set<String> names() {
        return functions.keySet();
    }

    /** Throws unless exactly {@code count} arguments were given, worded like Go's check. */
    public static void requireArgs(String name, List<Object> args, int count) throws TemplateException {
        if (args.size() != count) {
            throw new TemplateException("wrong number of args for " + name + ": want " + count + " got " + args.size());
        }
    }

    /** The argument as a string; Go would refuse other types, so this does too. */
    public static String stringArg(String name, Object arg) throws TemplateException {
        arg = GoValues.normalize(arg);
        if (arg instanceof String s) {
            return s;
        }
        throw new TemplateException(
                "wrong type for value; expected string; got " + GoValues.typeName(arg) + " (in " + name + ")");
    }
}
