package dev.vigil.alerting.template;

import java.util.List;

/**
 * A function callable from templates. Arguments arrive as template values (see {@link GoValues}); a pipeline's
 * previous value is the last argument. Throwing fails the execution with {@code error calling NAME: message}.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TemplateFunction {
    Object call(List<Object> args) throws Exception;
}
