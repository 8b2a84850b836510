package dev.vigil.model.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.LabelsBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table of relabeling cases derived from the behaviour Prometheus documents for {@code <relabel_config>}; each case
 * is input labels, steps, and the expected labels or {@code null} for "dropped".
 */
class RelabelerTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // replace
                c(
                        "replace copies with default regex and replacement",
                        Labels.of("a", "foo"),
                        List.of(step(b -> b.sourceLabels(List.of("a")).targetLabel("b"))),
                        Labels.of("a", "foo", "b", "foo")),
                c(
                        "replace with capture group and literal",
                        Labels.of("a", "foo"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .regex("f(.*)")
                                .targetLabel("b")
                                .replacement("ch${1}-ch${1}"))),
                        Labels.of("a", "foo", "b", "choo-choo")),
                c(
                        "replace without a match leaves labels alone",
                        Labels.of("a", "foo"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .regex("f")
                                .targetLabel("b")
                                .replacement("bar"))),
                        Labels.of("a", "foo")),
                c(
                        "regex is anchored at both ends",
                        Labels.of("a", "boo"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .regex("o+")
                                .targetLabel("a")
                                .replacement("x"))),
                        Labels.of("a", "boo")),
                c(
                        "replace joins source labels with the separator, absent ones as empty",
                        Labels.of("a", "foo", "b", "bar"),
                        List.of(step(b -> b.sourceLabels(List.of("a", "missing", "b"))
                                .separator("|")
                                .targetLabel("joined"))),
                        Labels.of("a", "foo", "b", "bar", "joined", "foo||bar")),
                c(
                        "empty replacement deletes the target label",
                        Labels.of("a", "foo", "b", "bar"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").replacement(""))),
                        Labels.of("a", "foo")),
                c(
                        "empty group deletes the target label",
                        Labels.of("a", "foo", "b", "bar"),
                        List.of(step(b -> b.sourceLabels(List.of("missing")).targetLabel("b"))),
                        Labels.of("a", "foo")),
                c(
                        "constant replacement with no source labels sets a label",
                        Labels.of("a", "foo"),
                        List.of(step(b -> b.targetLabel("env").replacement("prod"))),
                        Labels.of("a", "foo", "env", "prod")),
                c(
                        "target label with group references",
                        Labels.of("a", "some-name-value"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .regex("some-([^-]+)-([^,]+)")
                                .targetLabel("${1}")
                                .replacement("${2}"))),
                        Labels.of("a", "some-name-value", "name", "value")),
                c(
                        "target invalid after expansion is skipped",
                        Labels.of("a", "some-name-0"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .regex("some-([^-]+)-([^,]+)")
                                .targetLabel("${3}")
                                .replacement("${1}"))),
                        Labels.of("a", "some-name-0")),
                c(
                        "target expanding to a name with a dash is skipped",
                        Labels.of("a", "x-y"),
                        List.of(step(b -> b.sourceLabels(List.of("a")).targetLabel("$1"))),
                        Labels.of("a", "x-y")),
                c(
                        "$1_suffix names group 1_suffix, which expands to nothing",
                        Labels.of("a", "foo"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").replacement("x$1_suffix"))),
                        Labels.of("a", "foo", "b", "x")),
                c(
                        "${1}_suffix is group 1 then a literal",
                        Labels.of("a", "foo"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").replacement("${1}_suffix"))),
                        Labels.of("a", "foo", "b", "foo_suffix")),
                c(
                        "named groups in RE2 syntax, with underscores",
                        Labels.of("addr", "10.0.0.1:9100"),
                        List.of(step(b -> b.sourceLabels(List.of("addr"))
                                .regex("(?P<host_ip>[^:]+):(?P<port>\\d+)")
                                .targetLabel("hostport")
                                .replacement("$port@${host_ip}"))),
                        Labels.of("addr", "10.0.0.1:9100", "hostport", "9100@10.0.0.1")),
                c(
                        "$$ is a dollar, a trailing $ and an unclosed ${ are literal",
                        Labels.of("a", "v"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").replacement("$$1 ${1 $"))),
                        Labels.of("a", "v", "b", "$1 ${1 $")),
                c(
                        "unknown group numbers and names and leading zeros expand to nothing",
                        Labels.of("a", "v"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").replacement("[$9][${nope}][$01][$0]"))),
                        Labels.of("a", "v", "b", "[][][][v]")),
                c(
                        "optional group that did not participate expands to nothing",
                        Labels.of("a", "ab"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .regex("a(x)?(b)")
                                .targetLabel("b")
                                .replacement("<$1|$2>"))),
                        Labels.of("a", "ab", "b", "<|b>")),
                c(
                        "dot matches newline",
                        Labels.of("a", "foo\nbar"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).regex("foo.bar").action(RelabelAction.KEEP))),
                        Labels.of("a", "foo\nbar")),
                // keep and drop
                c(
                        "keep on match",
                        Labels.of("job", "api"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("job")).regex("api|web").action(RelabelAction.KEEP))),
                        Labels.of("job", "api")),
                c(
                        "keep drops without a match",
                        Labels.of("job", "db"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("job")).regex("api|web").action(RelabelAction.KEEP))),
                        null),
                c(
                        "keep matches an absent label as the empty string",
                        Labels.of("job", "db"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("missing")).regex("").action(RelabelAction.KEEP))),
                        Labels.of("job", "db")),
                c(
                        "drop on match",
                        Labels.of("a", "foo"),
                        List.of(step(
                                b -> b.sourceLabels(List.of("a")).regex(".*o.*").action(RelabelAction.DROP))),
                        null),
                c(
                        "drop keeps without a match",
                        Labels.of("a", "bar"),
                        List.of(step(
                                b -> b.sourceLabels(List.of("a")).regex(".*o.*").action(RelabelAction.DROP))),
                        Labels.of("a", "bar")),
                c(
                        "a drop stops later steps",
                        Labels.of("a", "foo"),
                        List.of(
                                step(b -> b.sourceLabels(List.of("a")).action(RelabelAction.DROP)),
                                step(b -> b.targetLabel("never").replacement("x"))),
                        null),
                // keepequal and dropequal
                c(
                        "keepequal keeps when target equals the sources",
                        Labels.of("__tmp_port", "8080", "port", "8080"),
                        List.of(step(b -> b.sourceLabels(List.of("__tmp_port"))
                                .targetLabel("port")
                                .action(RelabelAction.KEEPEQUAL))),
                        Labels.of("__tmp_port", "8080", "port", "8080")),
                c(
                        "keepequal drops when they differ",
                        Labels.of("__tmp_port", "8080", "port", "9090"),
                        List.of(step(b -> b.sourceLabels(List.of("__tmp_port"))
                                .targetLabel("port")
                                .action(RelabelAction.KEEPEQUAL))),
                        null),
                c(
                        "dropequal drops when equal",
                        Labels.of("a", "1", "b", "1"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").action(RelabelAction.DROPEQUAL))),
                        null),
                c(
                        "dropequal keeps when different, absent target is the empty string",
                        Labels.of("a", "1"),
                        List.of(step(b ->
                                b.sourceLabels(List.of("a")).targetLabel("b").action(RelabelAction.DROPEQUAL))),
                        Labels.of("a", "1")),
                // hashmod (values agree with Prometheus's own test table)
                c(
                        "hashmod like Prometheus",
                        Labels.of("a", "foo", "b", "bar", "c", "baz"),
                        List.of(step(b -> b.sourceLabels(List.of("c"))
                                .targetLabel("d")
                                .modulus(1000)
                                .action(RelabelAction.HASHMOD))),
                        Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "976")),
                c(
                        "hashmod of a value with a newline",
                        Labels.of("a", "foo\nbar"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .targetLabel("b")
                                .modulus(1000)
                                .action(RelabelAction.HASHMOD))),
                        Labels.of("a", "foo\nbar", "b", "734")),
                c(
                        "hashmod treats the hash as unsigned",
                        Labels.of("a", "foo"),
                        List.of(step(b -> b.sourceLabels(List.of("a"))
                                .targetLabel("h")
                                .modulus(Long.MAX_VALUE)
                                .action(RelabelAction.HASHMOD))),
                        Labels.of("a", "foo", "h", Long.toUnsignedString(7921661662980252889L))),
                // labelmap, labeldrop, labelkeep
                c(
                        "labelmap copies matching labels under new names",
                        Labels.of("a", "foo", "b1", "bar", "b2", "baz"),
                        List.of(step(
                                b -> b.regex("(b.*)").replacement("bar_${1}").action(RelabelAction.LABELMAP))),
                        Labels.of("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz")),
                c(
                        "labelmap of Kubernetes pod labels with the default replacement",
                        Labels.of(
                                "__meta_kubernetes_pod_label_app",
                                "web",
                                "__meta_kubernetes_pod_label_tier",
                                "front",
                                "job",
                                "k"),
                        List.of(step(
                                b -> b.regex("__meta_kubernetes_pod_label_(.+)").action(RelabelAction.LABELMAP))),
                        Labels.of(
                                "__meta_kubernetes_pod_label_app",
                                "web",
                                "__meta_kubernetes_pod_label_tier",
                                "front",
                                "job",
                                "k",
                                "app",
                                "web",
                                "tier",
                                "front")),
                c(
                        "labelmap overwrites an existing label",
                        Labels.of("__meta_x", "new", "x", "old"),
                        List.of(step(b -> b.regex("__meta_(.+)").action(RelabelAction.LABELMAP))),
                        Labels.of("__meta_x", "new", "x", "new")),
                c(
                        "labelmap does not map the labels it creates",
                        Labels.of("a", "1"),
                        List.of(step(b -> b.regex("(a+)").replacement("a${1}").action(RelabelAction.LABELMAP))),
                        Labels.of("a", "1", "aa", "1")),
                c(
                        "labeldrop removes matching names",
                        Labels.of("a", "foo", "b1", "bar", "b2", "baz"),
                        List.of(step(b -> b.regex("b.*").action(RelabelAction.LABELDROP))),
                        Labels.of("a", "foo")),
                c(
                        "labelkeep keeps only matching names",
                        Labels.of("a", "foo", "b1", "bar", "b2", "baz"),
                        List.of(step(b -> b.regex("b.*").action(RelabelAction.LABELKEEP))),
                        Labels.of("b1", "bar", "b2", "baz")),
                c(
                        "labeldrop is anchored",
                        Labels.of("ab", "1", "b", "2"),
                        List.of(step(b -> b.regex("b").action(RelabelAction.LABELDROP))),
                        Labels.of("ab", "1")),
                // lowercase and uppercase
                c(
                        "lowercase",
                        Labels.of("foo", "bAr123Foo"),
                        List.of(step(b -> b.sourceLabels(List.of("foo"))
                                .targetLabel("foo_lower")
                                .action(RelabelAction.LOWERCASE))),
                        Labels.of("foo", "bAr123Foo", "foo_lower", "bar123foo")),
                c(
                        "uppercase of several sources",
                        Labels.of("a", "x", "b", "y"),
                        List.of(step(b -> b.sourceLabels(List.of("a", "b"))
                                .targetLabel("ab")
                                .action(RelabelAction.UPPERCASE))),
                        Labels.of("a", "x", "b", "y", "ab", "X;Y")),
                c(
                        "lowercase of an absent label deletes the target",
                        Labels.of("t", "v"),
                        List.of(step(b -> b.sourceLabels(List.of("missing"))
                                .targetLabel("t")
                                .action(RelabelAction.LOWERCASE))),
                        Labels.EMPTY),
                // sequences
                c(
                        "a sharding setup: hashmod then keep one shard, then drop temporary labels",
                        Labels.of("__address__", "baz"),
                        List.of(
                                step(b -> b.sourceLabels(List.of("__address__"))
                                        .targetLabel("__tmp_hash")
                                        .modulus(1000)
                                        .action(RelabelAction.HASHMOD)),
                                step(b -> b.sourceLabels(List.of("__tmp_hash"))
                                        .regex("976")
                                        .action(RelabelAction.KEEP)),
                                step(b -> b.regex("__tmp_.*").action(RelabelAction.LABELDROP))),
                        Labels.of("__address__", "baz")),
                c(
                        "later steps see earlier results",
                        Labels.of("a", "foo"),
                        List.of(
                                step(b -> b.sourceLabels(List.of("a"))
                                        .targetLabel("b")
                                        .replacement("${1}bar")),
                                step(b -> b.sourceLabels(List.of("b"))
                                        .regex("foobar")
                                        .action(RelabelAction.KEEP))),
                        Labels.of("a", "foo", "b", "foobar")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void relabels(String name, Labels input, List<RelabelConfig> steps, Labels expected) {
        Optional<Labels> result = Relabeler.of(steps).process(input);

        if (expected == null) {
            assertThat(result).as("dropped").isEmpty();
        } else {
            assertThat(result).contains(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reusedBuilderGivesTheSameResult(String name, Labels input, List<RelabelConfig> steps, Labels expected) {
        Relabeler relabeler = Relabeler.of(steps);
        LabelsBuilder builder = new LabelsBuilder();
        builder.reset(Labels.of("leftover", "x"));

        builder.reset(input);
        boolean kept = relabeler.apply(builder);

        assertThat(kept).isEqualTo(expected != null);
        if (kept) {
            assertThat(builder.labels()).isEqualTo(expected);
        }
    }

    @Test
    void utf8SchemeAcceptsTargetNamesTheLegacySchemeRejects() {
        List<RelabelConfig> steps =
                List.of(step(b -> b.sourceLabels(List.of("a")).targetLabel("$1").replacement("v")));

        assertThat(Relabeler.of(steps, LabelNameScheme.LEGACY).process(Labels.of("a", "x.y")))
                .contains(Labels.of("a", "x.y"));
        assertThat(Relabeler.of(steps, LabelNameScheme.UTF8).process(Labels.of("a", "x.y")))
                .contains(Labels.of("a", "x.y", "x.y", "v"));
    }

    @Test
    void noStepsKeepsLabelsUnchanged() {
        Labels labels = Labels.of("a", "1");

        assertThat(Relabeler.NONE.process(labels)).containsSame(labels);
        assertThat(Relabeler.of(List.of()).isEmpty()).isTrue();
    }

    private static RelabelConfig step(UnaryOperator<RelabelConfig.Builder> setup) {
        return setup.apply(RelabelConfig.builder()).build();
    }

    private static Arguments c(String name, Labels input, List<RelabelConfig> steps, Labels expected) {
        return Arguments.of(name, input, steps, expected);
    }
}
