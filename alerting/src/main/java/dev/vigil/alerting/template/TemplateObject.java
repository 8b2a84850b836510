package dev.vigil.alerting.template;

import java.util.List;

/**
 * A value with fields or methods that templates reach with {@code .Name} (Go's struct fields and methods), e.g. an
 * alert's {@code .Labels} or {@code .StartsAt.Format "2006-01-02"}. Implementations must be thread-safe for reading,
 * since one template may run on many threads at once.
 */
public interface TemplateObject {

    /** Whether {@code name} is a field or method of this object. */
    boolean hasMember(String name);

    /**
     * The value of the field or the result of calling the method {@code name} with {@code args} (empty for fields).
     *
     * @throws TemplateException when the arguments do not fit the method
     */
    Object member(String name, List<Object> args) throws TemplateException;

    /** The Go-like type name used in error messages, e.g. {@code *template.Alert}. */
    String typeName();
}
