package dev.vigil.model.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.relabel.RelabelConfig.InvalidRelabelConfigException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelabelConfigTest {

    @Test
    void defaultsAreThoseOfPrometheus() {
        RelabelConfig config = RelabelConfig.builder().targetLabel("instance").build();

        assertThat(config.sourceLabels()).isEmpty();
        assertThat(config.separator()).isEqualTo(";");
        assertThat(config.regex().source()).isEqualTo("(.*)");
        assertThat(config.replacement()).isEqualTo("$1");
        assertThat(config.action()).isEqualTo(RelabelAction.REPLACE);
        assertThat(config.modulus()).isZero();
    }

    @Test
    void regexIsAnchoredAndDotMatchesNewline() {
        RelabelConfig config = RelabelConfig.builder()
                .regex("api.*")
                .action(RelabelAction.KEEP)
                .build();

        assertThat(config.regex().pattern().matcher("api-server").matches()).isTrue();
        assertThat(config.regex().pattern().matcher("my-api").find()).isFalse();
        assertThat(config.regex().pattern().matcher("api\nline").matches()).isTrue();
    }

    @Test
    void re2NamedGroupsAreAccepted() {
        RelabelConfig.Regex regex = RelabelConfig.Regex.of("(?P<host_name>[^:]+):(?<port>\\d+)");

        var matcher = regex.pattern().matcher("node-1:9100");
        assertThat(matcher.matches()).isTrue();
        assertThat(matcher.group(regex.groupIndex("host_name"))).isEqualTo("node-1");
        assertThat(matcher.group(regex.groupIndex("port"))).isEqualTo("9100");
        assertThat(regex.groupIndex("absent")).isEqualTo(-1);
        assertThat(regex.groupCount()).isEqualTo(2);
    }

    @Test
    void regexEqualityIsBySource() {
        assertThat(RelabelConfig.Regex.of("a+")).isEqualTo(RelabelConfig.Regex.of("a+"));
        assertThat(RelabelConfig.Regex.of("a+")).isNotEqualTo(RelabelConfig.Regex.of("a*"));
    }

    @Test
    void actionNamesAreCaseInsensitive() {
        assertThat(RelabelAction.fromConfigName("LabelMap")).contains(RelabelAction.LABELMAP);
        assertThat(RelabelAction.fromConfigName("explode")).isEmpty();
    }

    static Stream<Arguments> validConfigs() {
        return Stream.of(
                valid("replace with variable target", b -> b.targetLabel("${1}_suffix")),
                valid("hashmod", b -> b.sourceLabels(List.of("__address__"))
                        .modulus(8)
                        .targetLabel("__tmp_hash")
                        .action(RelabelAction.HASHMOD)),
                valid("labelmap", b -> b.regex("__meta_kubernetes_pod_label_(.+)")
                        .action(RelabelAction.LABELMAP)),
                valid(
                        "labelmap with named reference",
                        b -> b.regex("__meta_(.+)").replacement("k8s_${1}").action(RelabelAction.LABELMAP)),
                valid("labeldrop", b -> b.regex("pod_template_hash").action(RelabelAction.LABELDROP)),
                valid("keepequal", b -> b.sourceLabels(List.of("__meta_port"))
                        .targetLabel("port")
                        .action(RelabelAction.KEEPEQUAL)),
                valid(
                        "lowercase",
                        b -> b.sourceLabels(List.of("env")).targetLabel("env").action(RelabelAction.LOWERCASE)),
                valid("keep ignores target", b -> b.regex("x").action(RelabelAction.KEEP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validConfigs")
    void acceptsValidConfigs(String name, UnaryOperator<RelabelConfig.Builder> setup) {
        assertThat(setup.apply(RelabelConfig.builder()).build()).isNotNull();
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                invalid(
                        "replace needs target",
                        b -> b.sourceLabels(List.of("a")),
                        "target_label",
                        "relabel configuration for replace action requires 'target_label' value"),
                invalid(
                        "hashmod needs modulus",
                        b -> b.targetLabel("h").action(RelabelAction.HASHMOD),
                        "modulus",
                        "relabel configuration for hashmod requires non-zero modulus"),
                invalid(
                        "hashmod needs target",
                        b -> b.modulus(3).action(RelabelAction.HASHMOD),
                        "target_label",
                        "relabel configuration for hashmod action requires 'target_label' value"),
                invalid(
                        "invalid target label",
                        b -> b.targetLabel("0bad"),
                        "target_label",
                        "\"0bad\" is invalid 'target_label' for replace action"),
                invalid(
                        "invalid target label with variable",
                        b -> b.targetLabel("${1}-x"),
                        "target_label",
                        "\"${1}-x\" is invalid 'target_label' for replace action"),
                invalid(
                        "variables only allowed for replace",
                        b -> b.targetLabel("$1").action(RelabelAction.UPPERCASE),
                        "target_label",
                        "\"$1\" is invalid 'target_label' for uppercase action"),
                invalid(
                        "lowercase with replacement",
                        b -> b.targetLabel("x").replacement("y").action(RelabelAction.LOWERCASE),
                        "replacement",
                        "'replacement' can not be set for lowercase action"),
                invalid(
                        "labelmap with invalid replacement",
                        b -> b.replacement("a-b").action(RelabelAction.LABELMAP),
                        "replacement",
                        "\"a-b\" is invalid 'replacement' for labelmap action"),
                invalid(
                        "keepequal with regex",
                        b -> b.targetLabel("x").regex("y").action(RelabelAction.KEEPEQUAL),
                        "action",
                        "keepequal action requires only 'source_labels' and 'target_label', and no other fields"),
                invalid(
                        "dropequal with separator",
                        b -> b.targetLabel("x").separator(",").action(RelabelAction.DROPEQUAL),
                        "action",
                        "dropequal action requires only 'source_labels' and 'target_label', and no other fields"),
                invalid(
                        "labeldrop with source labels",
                        b -> b.sourceLabels(List.of("a")).action(RelabelAction.LABELDROP),
                        "action",
                        "labeldrop action requires only 'regex', and no other fields"),
                invalid(
                        "labelkeep with target",
                        b -> b.targetLabel("a").action(RelabelAction.LABELKEEP),
                        "action",
                        "labelkeep action requires only 'regex', and no other fields"),
                invalid(
                        "invalid source label",
                        b -> b.sourceLabels(List.of("ok", "not-ok")).targetLabel("x"),
                        "source_labels",
                        "\"not-ok\" is not a valid label name in 'source_labels'"),
                invalid(
                        "negative modulus",
                        b -> b.modulus(-1).targetLabel("x"),
                        "modulus",
                        "modulus must not be negative, got -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigs")
    void rejectsInvalidConfigs(String name, UnaryOperator<RelabelConfig.Builder> setup, String field, String message) {
        assertThatThrownBy(() -> setup.apply(RelabelConfig.builder()).build())
                .isInstanceOfSatisfying(InvalidRelabelConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e).hasMessage(message);
                });
    }

    @Test
    void invalidRegexNamesTheProblem() {
        assertThatThrownBy(() -> RelabelConfig.Regex.of("(unclosed"))
                .isInstanceOfSatisfying(InvalidRelabelConfigException.class, e -> assertThat(e.field())
                        .isEqualTo("regex"))
                .hasMessage("invalid regular expression \"(unclosed\": Unclosed group near index 9");
    }

    private static Arguments valid(String name, UnaryOperator<RelabelConfig.Builder> setup) {
        return Arguments.of(name, setup);
    }

    private static Arguments invalid(
            String name, UnaryOperator<RelabelConfig.Builder> setup, String field, String message) {
        return Arguments.of(name, setup, field, message);
    }
}
