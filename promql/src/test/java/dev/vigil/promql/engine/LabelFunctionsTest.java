package dev.vigil.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.promql.value.Vector;
import dev.vigil.testkit.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** label_replace and label_join read their regexes as RE2 (Go's syntax), as Prometheus does. */
class LabelFunctionsTest {
    private final InMemoryStorage storage = new InMemoryStorage();
    private Engine engine;

    @BeforeEach
    void load() throws AppendException {
        Appender app = storage.appender();
        app.append(0, Labels.of("__name__", "up", "instance", "api-0:8080"), 0, 1);
        app.append(0, Labels.of("__name__", "up", "instance", "db_1:5432"), 0, 1);
        app.commit();
        engine = new Engine(storage, EngineOptions.DEFAULT);
    }

    static Stream<Arguments> replacements() {
        return Stream.of(
                // Go's named groups (?P<name>...), referenced as $name and ${name}.
                arguments(
                        "label_replace(up, \"port\", \"$port\", \"instance\", \".*:(?P<port>.*)\")",
                        "port",
                        List.of("8080", "5432")),
                arguments(
                        "label_replace(up, \"x\", \"${host}-${port}\", \"instance\", \"(?P<host>[^:]+):(?P<port>.*)\")",
                        "x",
                        List.of("api-0-8080", "db_1-5432")),
                // (?<name>...) as well; a name that is no group expands to nothing.
                arguments(
                        "label_replace(up, \"x\", \"[$nope]$p\", \"instance\", \".*:(?<p>.*)\")",
                        "x",
                        List.of("[]8080", "[]5432")),
                // POSIX classes: java.util.regex would read [[:alpha:]] as a class of the characters ":alph".
                arguments(
                        "label_replace(up, \"kind\", \"$1\", \"instance\", \"([[:alpha:]]+).*\")",
                        "kind",
                        List.of("api", "db")),
                arguments(
                        "label_replace(up, \"kind\", \"$1\", \"instance\", \"([[:alpha:]_]+)[-_].*\")",
                        "kind",
                        List.of("api", "db")),
                // Numbered groups beyond the regex's expand to nothing, $$ to a dollar.
                arguments(
                        "label_replace(up, \"x\", \"$1$2$$\", \"instance\", \"([a-z]+).*\")",
                        "x",
                        List.of("api$", "db$")));
    }

    @ParameterizedTest
    @MethodSource("replacements")
    void labelReplaceExpandsRe2Groups(String query, String label, List<String> expected) {
        Vector v = (Vector) engine.instantQuery(query, 0).value();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            values.add(v.labels(i).get(label));
        }
        assertThat(values).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void labelReplaceRejectsSyntaxRe2Lacks() {
        assertThatThrownBy(() -> engine.instantQuery("label_replace(up, \"x\", \"$1\", \"instance\", \"(a)\\\\1\")", 0))
                .isInstanceOf(QueryException.class)
                .hasMessage("invalid regular expression in label_replace(): (a)\\1");
        assertThatThrownBy(() -> engine.instantQuery("label_replace(up, \"x\", \"\", \"instance\", \"a(?=b)\")", 0))
                .isInstanceOf(QueryException.class)
                .hasMessage("invalid regular expression in label_replace(): a(?=b)");
    }
}
