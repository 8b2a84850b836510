package dev.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration shipped under examples/ must pass {@code vigil check config}, rule files included. */
class ExampleConfigsTest {
    static List<Path> exampleConfigs() throws IOException {
        Path dir = Path.of("..", "examples", "config");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> configs =
                    files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            assertThat(configs).isNotEmpty();
            return configs;
        }
    }

    @ParameterizedTest
    @MethodSource("exampleConfigs")
    void examplePassesCheckConfig(Path config) {
        StringWriter out = new StringWriter();
        int code = VigilCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("check", "config", config.toString());
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("SUCCESS").doesNotContain("FAILED");
    }
}
