package dev.vigil.alerting.template;

import java.util.List;

/** The parsed form of a template. {@code pos} fields are offsets into the source, for error messages. Immutable. */
sealed interface Node {

    /** Verbatim text. */
    record Text(String text) implements Node {}

    /** {@code {{pipeline}}}: evaluates and, unless the pipeline declares variables, prints. */
    record Action(int pos, Pipeline pipeline) implements Node {}

    /** {@code if}, {@code with} and {@code range}: {@code elseBody} may be empty; {@code else if} nests an If. */
    record Branch(int pos, BranchKind kind, Pipeline pipeline, List<Node> body, List<Node> elseBody) implements Node {}

    /** {@code {{template "name" pipeline}}}; the pipeline is null when absent. */
    record Include(int pos, String name, Pipeline pipeline) implements Node {}

    record Break(int pos) implements Node {}

    record Continue(int pos) implements Node {}

    enum BranchKind {
        IF,
        WITH,
        RANGE
    }

    /**
     * Commands joined by {@code |}, optionally declaring ({@code :=}) or assigning ({@code =}) variables. Two
     * variables are only allowed in {@code range}.
     */
    record Pipeline(int pos, List<String> variables, boolean assign, List<Command> commands, String source) {}

    /** A function or value followed by arguments. */
    record Command(int pos, List<Operand> args, String source) {}

    /** An argument or the head of a command. */
    sealed interface Operand {}

    /** {@code .} */
    record Dot(int pos) implements Operand {}

    record Nil(int pos) implements Operand {}

    /** A constant string, number or bool; {@code value} is already typed (String, Long, Double, Boolean). */
    record Constant(int pos, Object value) implements Operand {}

    /** A function name. */
    record Identifier(int pos, String name) implements Operand {}

    /** {@code .A.B} relative to dot. */
    record FieldChain(int pos, List<String> fields) implements Operand {}

    /** {@code $x.A.B}; {@code fields} may be empty. */
    record Variable(int pos, String name, List<String> fields) implements Operand {}

    /** {@code (pipeline).A.B}; {@code fields} may be empty. */
    record SubPipeline(int pos, Pipeline pipeline, List<String> fields) implements Operand {}
}
