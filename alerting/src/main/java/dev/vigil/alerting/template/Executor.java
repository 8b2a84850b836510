package dev.vigil.alerting.template;

import dev.vigil.alerting.template.Node.Branch;
import dev.vigil.alerting.template.Node.Command;
import dev.vigil.alerting.template.Node.Operand;
import dev.vigil.alerting.template.Node.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one template execution; holds the output and variables of that run only. Not thread-safe. */
final class Executor {
    private static final int MAX_DEPTH = 1000;
    /** Marks "no previous pipeline value" (distinct from nil). */
    private static final Object NONE = new Object();

    private final Template set;
    private final Map<String, TemplateFunction> bound;
    private final StringBuilder out;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private Template.Definition current;
    private int depth;

    private static final class LoopControl extends RuntimeException {
        final boolean isBreak;

        LoopControl(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final LoopControl BREAK = new LoopControl(true);
    private static final LoopControl CONTINUE = new LoopControl(false);

    Executor(Template set, Map<String, TemplateFunction> bound, StringBuilder out) {
        this.set = set;
        this.bound = bound;
        this.out = out;
    }

    void run(Template.Definition definition, Object data) throws TemplateException {
        Template.Definition saved = current;
        int mark = varNames.size();
        if (++depth > MAX_DEPTH) {
            throw new TemplateException("template: exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        current = definition;
        push("$", data);
        try {
            walk(data, definition.body());
        } finally {
            pop(mark);
            current = saved;
            depth--;
        }
    }

    private void walk(Object dot, List<Node> nodes) throws TemplateException {
        for (Node node : nodes) {
            if (node instanceof Node.Text text) {
                out.append(text.text());
            } else if (node instanceof Node.Action action) {
                Object value = pipeline(dot, action.pipeline());
                if (action.pipeline().variables().isEmpty()) {
                    out.append(GoValues.print(value));
                }
            } else if (node instanceof Branch branch) {
                branch(dot, branch);
            } else if (node instanceof Node.Include include) {
                include(dot, include);
            } else if (node instanceof Node.Break) {
                throw BREAK;
            } else if (node instanceof Node.Continue) {
                throw CONTINUE;
            }
        }
    }

    private void branch(Object dot, Branch branch) throws TemplateException {
        int mark = varNames.size();
        try {
            if (branch.kind() == Node.BranchKind.RANGE) {
                range(dot, branch);
                return;
            }
            Object value = pipeline(dot, branch.pipeline());
            if (GoValues.isTrue(value)) {
                walk(branch.kind() == Node.BranchKind.WITH ? value : dot, branch.body());
            } else {
                walk(dot, branch.elseBody());
            }
        } finally {
            pop(mark);
        }
    }

    private void range(Object dot, Branch branch) throws TemplateException {
        Pipeline pipe = branch.pipeline();
        Object value = GoValues.normalize(commands(dot, pipe));
        List<String> vars = pipe.variables();
        if (!pipe.assign()) {
            vars.forEach(v -> push(v, null));
        }
        int mark = varNames.size();
        boolean any = false;
        Map<String, ?> map = GoValues.asMap(value);
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                any = true;
                if (!iteration(branch, vars, (long) i, list.get(i), mark)) {
                    break;
                }
            }
        } else if (map != null) {
            for (Map.Entry<String, ?> e : GoValues.sorted(map).entrySet()) {
                any = true;
                if (!iteration(branch, vars, e.getKey(), e.getValue(), mark)) {
                    break;
                }
            }
        } else if (value instanceof Long n) {
            for (long i = 0; i < n; i++) {
                any = true;
                if (!iteration(branch, vars, i, i, mark)) {
                    break;
                }
            }
        } else if (value != null && value != GoValues.NO_VALUE) {
            throw error(pipe.pos(), pipe.source(), "range can't iterate over " + GoValues.print(value));
        }
        if (!any) {
            walk(dot, branch.elseBody());
        }
    }

    /** Runs one range iteration; returns false on {@code break}. */
    private boolean iteration(Branch branch, List<String> vars, Object key, Object element, int mark)
            throws TemplateException {
        if (vars.size() == 1) {
            set(vars.get(0), element);
        } else if (vars.size() == 2) {
            set(vars.get(0), key);
            set(vars.get(1), element);
        }
        try {
            walk(element, branch.body());
        } catch (LoopControl control) {
            return !control.isBreak;
        } finally {
            pop(mark);
        }
        return true;
    }

    private void include(Object dot, Node.Include include) throws TemplateException {
        Template.Definition target = set.definition(include.name());
        if (target == null) {
            throw error(
                    include.pos(),
                    "template " + GoFormat.quote(include.name()),
                    "no such template " + GoFormat.quote(include.name()));
        }
        Object data = include.pipeline() == null ? null : pipeline(dot, include.pipeline());
        Executor nested = new Executor(set, bound, out);
        nested.depth = depth;
        nested.run(target, data);
    }

    private Object pipeline(Object dot, Pipeline pipe) throws TemplateException {
        Object value = commands(dot, pipe);
        for (String variable : pipe.variables()) {
            if (pipe.assign()) {
                set(variable, value);
            } else {
                push(variable, value);
            }
        }
        return value;
    }

    private Object commands(Object dot, Pipeline pipe) throws TemplateException {
        Object value = NONE;
        for (Command command : pipe.commands()) {
            value = command(dot, command, value);
        }
        return value;
    }

    private Object command(Object dot, Command cmd, Object last) throws TemplateException {
        Operand head = cmd.args().get(0);
        List<Operand> rest = cmd.args().subList(1, cmd.args().size());
        if (head instanceof Node.Identifier id) {
            return call(dot, cmd, id.name(), rest, last);
        }
        if (head instanceof Node.FieldChain chain) {
            return fields(dot, cmd, dot, chain.fields(), rest, last);
        }
        if (head instanceof Node.Variable var) {
            Object value = variable(cmd, var);
            if (var.fields().isEmpty()) {
                requireNoArgs(cmd, rest, last, var.name());
                return value;
            }
            return fields(dot, cmd, value, var.fields(), rest, last);
        }
        if (head instanceof Node.SubPipeline sub) {
            Object value = commands(dot, sub.pipeline());
            if (sub.fields().isEmpty()) {
                requireNoArgs(cmd, rest, last, cmd.source());
                return value;
            }
            return fields(dot, cmd, value, sub.fields(), rest, last);
        }
        if (head instanceof Node.Nil) {
            throw error(cmd.pos(), cmd.source(), "nil is not a command");
        }
        requireNoArgs(cmd, rest, last, cmd.source());
        return arg(dot, cmd, head);
    }

    private void requireNoArgs(Command cmd, List<Operand> rest, Object last, String what) throws TemplateException {
        if (!rest.isEmpty() || last != NONE) {
            throw error(cmd.pos(), cmd.source(), "can't give argument to non-function " + what);
        }
    }

    private Object arg(Object dot, Command cmd, Operand operand) throws TemplateException {
        if (operand instanceof Node.Dot) {
            return dot;
        }
        if (operand instanceof Node.Nil) {
            return null;
        }
        if (operand instanceof Node.Constant constant) {
            return constant.value();
        }
        if (operand instanceof Node.FieldChain chain) {
            return fields(dot, cmd, dot, chain.fields(), List.of(), NONE);
        }
        if (operand instanceof Node.Variable var) {
            Object value = variable(cmd, var);
            return var.fields().isEmpty() ? value : fields(dot, cmd, value, var.fields(), List.of(), NONE);
        }
        if (operand instanceof Node.SubPipeline sub) {
            Object value = commands(dot, sub.pipeline());
            return sub.fields().isEmpty() ? value : fields(dot, cmd, value, sub.fields(), List.of(), NONE);
        }
        Node.Identifier id = (Node.Identifier) operand;
        return call(dot, cmd, id.name(), List.of(), NONE);
    }

    private Object call(Object dot, Command cmd, String name, List<Operand> argNodes, Object last)
            throws TemplateException {
        if (name.equals("and") || name.equals("or")) {
            return shortCircuit(dot, cmd, name.equals("and"), argNodes, last);
        }
        TemplateFunction function = bound.containsKey(name)
                ? bound.get(name)
                : set.functions()
                        .get(name)
                        .orElseThrow(() ->
                                error(cmd.pos(), cmd.source(), "function " + GoFormat.quote(name) + " not defined"));
        List<Object> args = new ArrayList<>(argNodes.size() + 1);
        for (Operand a : argNodes) {
            args.add(arg(dot, cmd, a));
        }
        if (last != NONE) {
            args.add(last);
        }
        try {
            return GoValues.normalize(function.call(args));
        } catch (TemplateException e) {
            throw error(cmd.pos(), cmd.source(), "error calling " + name + ": " + e.getMessage());
        } catch (Exception | StackOverflowError e) {
            throw error(cmd.pos(), cmd.source(), "error calling " + name + ": " + describe(e));
        }
    }

    private Object shortCircuit(Object dot, Command cmd, boolean isAnd, List<Operand> argNodes, Object last)
            throws TemplateException {
        int count = argNodes.size() + (last != NONE ? 1 : 0);
        if (count < 1) {
            throw error(
                    cmd.pos(),
                    cmd.source(),
                    "wrong number of args for " + (isAnd ? "and" : "or") + ": want at least 1 got 0");
        }
        Object value = null;
        for (Operand a : argNodes) {
            value = arg(dot, cmd, a);
            if (GoValues.isTrue(value) != isAnd) {
                return value;
            }
        }
        return last != NONE ? last : value;
    }

    private Object fields(
            Object dot, Command cmd, Object receiver, List<String> names, List<Operand> argNodes, Object last)
            throws TemplateException {
        Object value = receiver;
        for (int i = 0; i < names.size(); i++) {
            boolean isLast = i == names.size() - 1;
            List<Object> args = new ArrayList<>();
            if (isLast) {
                for (Operand a : argNodes) {
                    args.add(arg(dot, cmd, a));
                }
                if (last != NONE) {
                    args.add(last);
                }
            }
            value = field(cmd, value, names.get(i), args);
        }
        return value;
    }

    private Object field(Command cmd, Object receiver, String name, List<Object> args) throws TemplateException {
        receiver = GoValues.normalize(receiver);
        if (receiver == GoValues.NO_VALUE) {
            return GoValues.NO_VALUE;
        }
        if (receiver == null) {
            throw error(cmd.pos(), cmd.source(), "nil pointer evaluating interface {}." + name);
        }
        if (receiver instanceof TemplateObject object && object.hasMember(name)) {
            try {
                return GoValues.normalize(object.member(name, args));
            } catch (TemplateException e) {
                throw error(cmd.pos(), cmd.source(), "error calling " + name + ": " + e.getMessage());
            } catch (RuntimeException e) {
                throw error(cmd.pos(), cmd.source(), "error calling " + name + ": " + describe(e));
            }
        }
        Map<String, ?> map = GoValues.asMap(receiver);
        if (map != null) {
            if (!args.isEmpty()) {
                throw error(cmd.pos(), cmd.source(), name + " is not a method but has arguments");
            }
            Object value = map.get(name);
            return value == null && !map.containsKey(name) ? GoValues.NO_VALUE : GoValues.normalize(value);
        }
        throw error(
                cmd.pos(), cmd.source(), "can't evaluate field " + name + " in type " + GoValues.typeName(receiver));
    }

    private Object variable(Command cmd, Node.Variable var) throws TemplateException {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(var.name())) {
                return varValues.get(i);
            }
        }
        throw error(cmd.pos(), cmd.source(), "undefined variable: " + var.name());
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private void set(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        push(name, value);
    }

    private void pop(int mark) {
        while (varNames.size() > mark) {
            varNames.remove(varNames.size() - 1);
            varValues.remove(varValues.size() - 1);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private TemplateException error(int pos, String at, String message) {
        String src = current.source();
        return new TemplateException("template: " + current.sourceName() + ":" + Lexer.lineOf(src, pos) + ":"
                + Lexer.columnOf(src, pos) + ": executing " + GoFormat.quote(current.name()) + " at <" + at + ">: "
                + message);
    }
}
