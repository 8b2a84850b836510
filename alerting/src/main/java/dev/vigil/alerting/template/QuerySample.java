package dev.vigil.alerting.template;

import dev.vigil.model.labels.Labels;
import java.util.List;
import java.util.Objects;

/** One result of {@link QueryFunction}: templates see {@code .Labels} and {@code .Value}. Immutable. */
public record QuerySample(Labels labels, double value) implements TemplateObject {
    public QuerySample {
        Objects.requireNonNull(labels, "labels");
    }

    @Override
    public boolean hasMember(String name) {
        return name.equals("Labels") || name.equals("Value");
    }

    @Override
    public Object member(String name, List<Object> args) {
        return name.equals("Labels") ? KeyValues.of(labels) : value;
    }

    @Override
    public String typeName() {
        return "*template.sample";
    }

    @Override
    public String toString() {
        return "{" + GoValues.print(KeyValues.of(labels)) + " " + GoValues.print(value) + "}";
    }
}
