package dev.vigil.alerting.template;

import dev.vigil.alerting.template.Node.Branch;
import dev.vigil.alerting.template.Node.BranchKind;
import dev.vigil.alerting.template.Node.Command;
import dev.vigil.alerting.template.Node.Operand;
import dev.vigil.alerting.template.Node.Pipeline;
import dev.vigil.alerting.template.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the Go text/template subset described in {@link Template}. Produces the main body
 * plus every {@code define}d (or {@code block}) template. One parser per parse; not thread-safe.
 */
final class Parser {
    private final String name;
    private final String src;
    private final List<Token> tokens;
    private final Functions functions;
    private final Map<String, List<Node>> defined = new LinkedHashMap<>();
    private int index;
    private int rangeDepth;
    /** Declared variables per nesting level; Go rejects references to undefined variables at parse time. */
    private final List<List<String>> scopes = new ArrayList<>();

    private Parser(String name, String src, Functions functions) throws TemplateException {
        this.name = name;
        this.src = src;
        this.tokens = Lexer.lex(name, src);
        this.functions = functions;
    }

    /** The parse result: the main body and the templates it defines, in definition order. */
    record Result(List<Node> body, Map<String, List<Node>> defined) {}

    static Result parse(String name, String src, Functions functions) throws TemplateException {
        Parser parser = new Parser(name, src, functions);
        parser.pushScope();
        parser.declare("$");
        List<Node> body = new ArrayList<>();
        String end = parser.list(body, true);
        if (!end.equals("EOF")) {
            throw parser.error(parser.previous().pos(), "unexpected {{" + end + "}}");
        }
        return new Result(List.copyOf(body), parser.defined);
    }

    /** Parses nodes until {@code end}, {@code else} or EOF; returns which one stopped it (consumed up to the word). */
    private String list(List<Node> out, boolean topLevel) throws TemplateException {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF -> {
                    return "EOF";
                }
                case TEXT -> out.add(new Node.Text(t.text()));
                case LEFT_DELIM -> {
                    Token first = peek();
                    if (first.kind() == Kind.KEYWORD) {
                        next();
                        switch (first.text()) {
                            case "end", "else" -> {
                                return first.text();
                            }
                            case "if" -> out.add(branch(BranchKind.IF, first.pos()));
                            case "with" -> out.add(branch(BranchKind.WITH, first.pos()));
                            case "range" -> out.add(branch(BranchKind.RANGE, first.pos()));
                            case "template" -> out.add(include(first.pos()));
                            case "define" -> {
                                if (!topLevel) {
                                    throw error(first.pos(), "unexpected <define> in command");
                                }
                                define(first.pos());
                            }
                            case "block" -> {
                                Node.Include include = include(first.pos());
                                defineBody(include.name(), first.pos());
                                out.add(include);
                            }
                            case "break", "continue" -> {
                                if (rangeDepth == 0) {
                                    throw error(first.pos(), "{{" + first.text() + "}} outside {{range}}");
                                }
                                expect(Kind.RIGHT_DELIM, "in {{" + first.text() + "}}");
                                out.add(
                                        first.text().equals("break")
                                                ? new Node.Break(first.pos())
                                                : new Node.Continue(first.pos()));
                            }
                            default -> throw error(first.pos(), "unexpected keyword " + first.text());
                        }
                    } else {
                        Pipeline pipeline = pipeline("command", Kind.RIGHT_DELIM);
                        out.add(new Node.Action(t.pos(), pipeline));
                    }
                }
                default -> throw error(t.pos(), "unexpected " + describe(t));
            }
        }
    }

    private Branch branch(BranchKind kind, int pos) throws TemplateException {
        String context = kind.name().toLowerCase();
        pushScope();
        if (kind == BranchKind.RANGE) {
            rangeDepth++;
        }
        Pipeline pipeline = pipeline(context, Kind.RIGHT_DELIM);
        List<Node> body = new ArrayList<>();
        String end = list(body, false);
        if (kind == BranchKind.RANGE) {
            rangeDepth--;
        }
        popScope();
        List<Node> elseBody = new ArrayList<>();
        if (end.equals("else")) {
            Token after = peek();
            if (kind != BranchKind.RANGE
                    && after.kind() == Kind.KEYWORD
                    && (after.text().equals("if") || after.text().equals("with"))) {
                next();
                // "else if" shares the enclosing {{end}}, so the nested branch consumes it.
                elseBody.add(branch(after.text().equals("if") ? BranchKind.IF : BranchKind.WITH, after.pos()));
                return new Branch(pos, kind, pipeline, List.copyOf(body), List.copyOf(elseBody));
            }
            expect(Kind.RIGHT_DELIM, "in {{else}}");
            pushScope();
            end = list(elseBody, false);
            popScope();
            if (end.equals("else")) {
                throw error(previous().pos(), "unexpected {{else}}");
            }
        }
        if (!end.equals("end")) {
            throw error(pos, "unexpected EOF: missing {{end}} for {{" + context + "}}");
        }
        expect(Kind.RIGHT_DELIM, "in {{end}}");
        return new Branch(pos, kind, pipeline, List.copyOf(body), List.copyOf(elseBody));
    }

    private Node.Include include(int pos) throws TemplateException {
        Token nameToken = next();
        if (nameToken.kind() != Kind.STRING && nameToken.kind() != Kind.RAW_STRING) {
            throw error(nameToken.pos(), "unexpected " + describe(nameToken) + " in template clause");
        }
        String templateName = (String) constant(nameToken);
        Pipeline pipeline = null;
        if (peek().kind() != Kind.RIGHT_DELIM) {
            pipeline = pipeline("template clause", Kind.RIGHT_DELIM);
        } else {
            next();
        }
        return new Node.Include(pos, templateName, pipeline);
    }

    private void define(int pos) throws TemplateException {
        Token nameToken = next();
        if (nameToken.kind() != Kind.STRING && nameToken.kind() != Kind.RAW_STRING) {
            throw error(nameToken.pos(), "name of defined template must be a string constant");
        }
        expect(Kind.RIGHT_DELIM, "in {{define}}");
        defineBody((String) constant(nameToken), pos);
    }

    private void defineBody(String templateName, int pos) throws TemplateException {
        List<Node> body = new ArrayList<>();
        List<List<String>> saved = new ArrayList<>(scopes);
        scopes.clear();
        pushScope();
        declare("$");
        String end = list(body, false);
        scopes.clear();
        scopes.addAll(saved);
        if (!end.equals("end")) {
            throw error(pos, "unexpected EOF: missing {{end}} for {{define " + GoFormat.quote(templateName) + "}}");
        }
        expect(Kind.RIGHT_DELIM, "in {{end}}");
        List<Node> previous = defined.put(templateName, List.copyOf(body));
        if (previous != null && !isBlank(previous)) {
            if (!isBlank(body)) {
                throw error(pos, "template: multiple definition of template \"" + templateName + "\"");
            }
            defined.put(templateName, previous);
        }
    }

    private static boolean isBlank(List<Node> body) {
        return body.stream().allMatch(n -> n instanceof Node.Text t && t.text().isBlank());
    }

    private Pipeline pipeline(String context, Kind terminator) throws TemplateException {
        int start = peek().pos();
        List<String> variables = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VARIABLE) {
            int save = index;
            Token v1 = next();
            if (peek().kind() == Kind.DECLARE || peek().kind() == Kind.ASSIGN) {
                assign = next().kind() == Kind.ASSIGN;
                variables.add(v1.text());
            } else if (peek().kind() == Kind.COMMA && context.equals("range")) {
                next();
                Token v2 = next();
                if (v2.kind() != Kind.VARIABLE) {
                    throw error(v2.pos(), "range can only initialize variables");
                }
                Token op = next();
                if (op.kind() != Kind.DECLARE && op.kind() != Kind.ASSIGN) {
                    throw error(op.pos(), "expected := or = after range variables");
                }
                assign = op.kind() == Kind.ASSIGN;
                variables.add(v1.text());
                variables.add(v2.text());
            } else {
                index = save;
            }
        }
        List<Command> commands = new ArrayList<>();
        while (true) {
            Command command = command(terminator);
            commands.add(command);
            Token t = next();
            if (t.kind() == terminator) {
                break;
            }
            if (t.kind() != Kind.PIPE) {
                throw error(t.pos(), "unexpected " + describe(t) + " in " + context);
            }
        }
        for (String v : variables) {
            if (assign) {
                checkDeclared(v, start);
            } else {
                declare(v);
            }
        }
        String source = src.substring(start, previous().pos()).strip();
        return new Pipeline(start, List.copyOf(variables), assign, List.copyOf(commands), source);
    }

    private Command command(Kind terminator) throws TemplateException {
        int start = peek().pos();
        List<Operand> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.PIPE || t.kind() == terminator) {
                break;
            }
            if (t.kind() == Kind.RIGHT_DELIM || t.kind() == Kind.RIGHT_PAREN || t.kind() == Kind.EOF) {
                throw error(t.pos(), "unexpected " + describe(t) + " in operand");
            }
            args.add(operand());
        }
        if (args.isEmpty()) {
            throw error(start, "missing value for command");
        }
        int end = peek().pos();
        return new Command(start, List.copyOf(args), src.substring(start, end).strip());
    }

    private Operand operand() throws TemplateException {
        Token t = next();
        Operand term =
                switch (t.kind()) {
                    case DOT -> new Node.Dot(t.pos());
                    case NIL -> new Node.Nil(t.pos());
                    case STRING, RAW_STRING, CHAR, NUMBER, BOOL -> new Node.Constant(t.pos(), constant(t));
                    case IDENTIFIER -> {
                        if (!functions.contains(t.text())) {
                            throw error(t.pos(), "function \"" + t.text() + "\" not defined");
                        }
                        yield new Node.Identifier(t.pos(), t.text());
                    }
                    case FIELD -> new Node.FieldChain(t.pos(), chainedFields(t, List.of(t.text())));
                    case VARIABLE -> {
                        checkDeclared(t.text(), t.pos());
                        yield new Node.Variable(t.pos(), t.text(), chainedFields(t, List.of()));
                    }
                    case LEFT_PAREN -> {
                        Pipeline inner = pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
                        yield new Node.SubPipeline(t.pos(), inner, chainedFields(previous(), List.of()));
                    }
                    default -> throw error(t.pos(), "unexpected " + describe(t) + " in operand");
                };
        return term;
    }

    /** Field tokens written directly after {@code head} (no space) continue its chain. */
    private List<String> chainedFields(Token head, List<String> initial) {
        List<String> fields = new ArrayList<>(initial);
        Token last = head;
        while (peek().kind() == Kind.FIELD && peek().pos() == end(last)) {
            last = next();
            fields.add(last.text());
        }
        return List.copyOf(fields);
    }

    private static int end(Token t) {
        return t.pos() + t.text().length() + (t.kind() == Kind.FIELD ? 1 : 0);
    }

    private Object constant(Token t) throws TemplateException {
        return switch (t.kind()) {
            case BOOL -> Boolean.parseBoolean(t.text());
            case RAW_STRING -> t.text().substring(1, t.text().length() - 1);
            case STRING -> GoFormat.unquote(t.text(), () -> error(t.pos(), "invalid syntax in " + t.text()));
            case CHAR -> {
                String s =
                        GoFormat.unquote(t.text(), () -> error(t.pos(), "malformed character constant: " + t.text()));
                if (s.codePointCount(0, s.length()) != 1) {
                    throw error(t.pos(), "malformed character constant: " + t.text());
                }
                yield (long) s.codePointAt(0);
            }
            case NUMBER -> number(t);
            default -> throw error(t.pos(), "BUG: not a constant: " + t);
        };
    }

    private Object number(Token t) throws TemplateException {
        String text = t.text().replace("_", "");
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        try {
            String lower = digits.toLowerCase();
            if (lower.startsWith("0x") && !lower.contains("p")) {
                long v = Long.parseUnsignedLong(digits.substring(2), 16);
                return negative ? -v : v;
            }
            if (lower.startsWith("0o")) {
                long v = Long.parseLong(digits.substring(2), 8);
                return negative ? -v : v;
            }
            if (lower.startsWith("0b")) {
                long v = Long.parseLong(digits.substring(2), 2);
                return negative ? -v : v;
            }
            if (lower.matches("[0-9]+")) {
                long v = lower.length() > 1 && lower.startsWith("0")
                        ? Long.parseLong(lower.substring(1), 8)
                        : Long.parseLong(lower);
                return negative ? -v : v;
            }
            if (lower.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
                double v = Double.parseDouble(lower);
                return negative ? -v : v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(t.pos(), "bad number syntax: \"" + t.text() + "\"");
    }

    private void pushScope() {
        scopes.add(new ArrayList<>());
    }

    private void popScope() {
        scopes.remove(scopes.size() - 1);
    }

    private void declare(String variable) {
        scopes.get(scopes.size() - 1).add(variable);
    }

    private void checkDeclared(String variable, int pos) throws TemplateException {
        for (List<String> scope : scopes) {
            if (scope.contains(variable)) {
                return;
            }
        }
        throw error(pos, "undefined variable \"" + variable + "\"");
    }

    private void expect(Kind kind, String context) throws TemplateException {
        Token t = next();
        if (t.kind() != kind) {
            throw error(t.pos(), "unexpected " + describe(t) + " " + context);
        }
    }

    private Token next() {
        Token t = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return t;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token previous() {
        return tokens.get(Math.max(0, index - 1));
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "EOF";
            case RIGHT_DELIM -> "\"}}\"";
            case LEFT_DELIM -> "\"{{\"";
            case TEXT -> "text";
            default -> "<" + t.text() + ">";
        };
    }

    private TemplateException error(int at, String message) {
        return new TemplateException("template: " + name + ":" + Lexer.lineOf(src, at) + ": " + message);
    }
}
