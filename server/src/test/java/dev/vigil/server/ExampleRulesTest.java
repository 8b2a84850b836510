package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.cli.VigilCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule file under examples/rules passes {@code vigil check rules}, and Prometheus's promtool agrees. */
class ExampleRulesTest {
    static List<Path> exampleRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples", "rules"))) {
            List<Path> rules =
                    files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            assertThat(rules).extracting(p -> p.getFileName().toString()).contains("kubernetes.yml");
            return rules;
        }
    }

    @ParameterizedTest
    @MethodSource("exampleRules")
    void passesVigilCheckRules(Path file) {
        StringWriter out = new StringWriter();
        int code = VigilCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("check", "rules", file.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @ParameterizedTest
    @MethodSource("exampleRules")
    void passesPromtoolCheckRules(Path file) throws Exception {
        Promtool.requireInstalled();
        Promtool.Result result = Promtool.checkRules(file);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
