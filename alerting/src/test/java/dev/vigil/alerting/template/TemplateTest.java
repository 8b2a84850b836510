package dev.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateTest {
    private static final Map<String, Object> DATA = data();

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Name", "node");
        d.put("Count", 3L);
        d.put("Ratio", 0.25);
        d.put("Empty", "");
        d.put("List", List.of("a", "b", "c"));
        d.put("EmptyList", List.of());
        d.put("Labels", KeyValues.of(Map.of("job", "api", "instance", "host1:9100", "zone", "eu")));
        d.put("Nested", Map.of("Inner", Map.of("Deep", "x")));
        d.put("Yes", true);
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                ok("plain text", "plain text"),
                ok("{{ .Name }}", "node"),
                ok("{{.Name}}-{{.Count}}", "node-3"),
                ok("{{ .Ratio }}", "0.25"),
                ok("{{ .Nested.Inner.Deep }}", "x"),
                ok("{{ .Missing }}", "<no value>"),
                ok("{{ .Labels.job }}", "api"),
                ok("{{ .Labels.nope }}", "<no value>"),
                ok("{{ index .Labels \"nope\" }}|", "|"),
                ok("{{ index .Labels \"zone\" }}", "eu"),
                ok("{{ index .List 1 }}", "b"),
                ok("{{ index .Nested \"Inner\" \"Deep\" }}", "x"),
                ok("a  {{- .Name -}}  b", "anodeb"),
                ok("a\n  {{- .Name }}\n", "anode\n"),
                ok("{{- /* comment */ -}} x", "x"),
                ok("{{/* a comment */}}y", "y"),
                ok("{{ $x := .Name }}{{ $x }}", "node"),
                ok("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"),
                ok("{{ $.Name }}", "node"),
                ok("{{ . | len }}", "9"),
                ok("{{ .Name | printf \"%s!\" }}", "node!"),
                ok("{{ .Name | printf \"%s-%s\" \"x\" }}", "x-node"),
                ok("{{ if .Yes }}yes{{ end }}", "yes"),
                ok("{{ if .Empty }}yes{{ else }}no{{ end }}", "no"),
                ok("{{ if .Empty }}1{{ else if .Count }}2{{ else }}3{{ end }}", "2"),
                ok("{{ if not .Yes }}1{{ else if .Empty }}2{{ else }}3{{ end }}", "3"),
                ok("{{ if and .Yes .Count }}both{{ end }}", "both"),
                ok("{{ and .Yes .Empty 5 }}|{{ or .Empty 0 \"z\" }}", "|z"),
                ok("{{ if or .Empty .Missing }}t{{ else }}f{{ end }}", "f"),
                ok("{{ if eq .Name \"x\" \"node\" }}in{{ end }}", "in"),
                ok("{{ if ne .Count 3 }}ne{{ else }}eq{{ end }}", "eq"),
                ok("{{ if lt .Ratio 0.5 }}low{{ end }}", "low"),
                ok(
                        "{{ if gt .Count 2 }}gt{{ end }}{{ if ge .Count 3 }}ge{{ end }}{{ if le .Count 3 }}le{{ end }}",
                        "gtgele"),
                ok("{{ if gt .Ratio 0 }}int-float comparison works{{ end }}", "int-float comparison works"),
                ok("{{ if lt \"a\" \"b\" }}s{{ end }}", "s"),
                ok("{{ with .Name }}<{{ . }}>{{ end }}", "<node>"),
                ok("{{ with .Empty }}x{{ else }}empty{{ end }}", "empty"),
                ok("{{ with $v := .Count }}{{ $v }}{{ end }}", "3"),
                ok("{{ range .List }}[{{ . }}]{{ end }}", "[a][b][c]"),
                ok("{{ range $i, $v := .List }}{{ $i }}={{ $v }} {{ end }}", "0=a 1=b 2=c "),
                ok("{{ range $k, $v := .Labels }}{{ $k }}={{ $v }};{{ end }}", "instance=host1:9100;job=api;zone=eu;"),
                ok("{{ range .EmptyList }}x{{ else }}none{{ end }}", "none"),
                ok("{{ range .List }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "a"),
                ok("{{ range .List }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", "ac"),
                ok("{{ range 3 }}{{ . }}{{ end }}", "012"),
                ok("{{ range $x := .List }}{{ $x }}{{ end }}", "abc"),
                ok("{{ len .List }} {{ len .Name }} {{ len .Labels }}", "3 4 3"),
                ok("{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3"),
                ok("{{ println \"a\" 1 }}", "a 1\n"),
                ok(
                        "{{ printf \"%d %5.2f %-4s| %q %x %v %t\" 42 3.14159 \"ab\" \"q\" 255 .List true }}",
                        "42  3.14 ab  | \"q\" ff [a b c] true"),
                ok("{{ (printf \"%s\" .Name) }}", "node"),
                ok("{{ (index .Nested \"Inner\").Deep }}", "x"),
                ok("{{ .Labels.SortedPairs }}", "[{instance host1:9100} {job api} {zone eu}]"),
                ok(
                        "{{ range .Labels.SortedPairs }}{{ .Name }}:{{ .Value }} {{ end }}",
                        "instance:host1:9100 job:api zone:eu "),
                ok("{{ .Labels.Names }}", "[instance job zone]"),
                ok("{{ .Labels.Values }}", "[host1:9100 api eu]"),
                ok("{{ .Labels }}", "map[instance:host1:9100 job:api zone:eu]"),
                ok("{{ 1e3 }} {{ 0x1F }} {{ -7 }} {{ 'a' }} {{ 1.5 }} {{ `raw\\n` }}", "1000 31 -7 97 1.5 raw\\n"),
                ok("{{ \"tab\\there\" }}", "tab\there"),
                ok("{{ print nil }}", "<nil>"),
                ok("{{ html \"<a href='x'>&</a>\" }}", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
                ok("{{ urlquery \"a b&c\" }}", "a+b%26c"),
                ok("{{ define \"inner\" }}[{{ . }}]{{ end }}{{ template \"inner\" .Name }}", "[node]"),
                ok(
                        "{{ define \"inner\" }}{{ .Name }}{{ end }}{{ template \"inner\" . }}{{ template \"inner\" . }}",
                        "nodenode"),
                ok("{{ block \"b\" .Count }}<{{ . }}>{{ end }}", "<3>"),
                ok("{{ template \"t2\" }}{{ define \"t2\" }}nil dot: {{ . }}{{ end }}", "nil dot: <nil>"),
                ok("{{ $x := \"outer\" }}{{ if true }}{{ $x := \"inner\" }}{{ $x }}{{ end }} {{ $x }}", "inner outer"),
                ok("{{ $x := \"a\" }}{{ if true }}{{ $x = \"b\" }}{{ end }}{{ $x }}", "b"));
    }

    private static Arguments ok(String template, String expected) {
        return Arguments.of(template, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void executes(String template, String expected) throws TemplateException {
        assertThat(Template.parse("t", template, Functions.builtins()).execute(DATA))
                .isEqualTo(expected);
    }

    static Stream<Arguments> parseErrors() {
        return Stream.of(
                Arguments.of("{{ if .X }}", "template: t:1: unexpected EOF: missing {{end}} for {{if}}"),
                Arguments.of("{{ end }}", "template: t:1: unexpected {{end}}"),
                Arguments.of("{{ .X ", "template: t:1: unclosed action"),
                Arguments.of("{{ nosuch 1 }}", "template: t:1: function \"nosuch\" not defined"),
                Arguments.of("a\n{{ $y }}", "template: t:2: undefined variable \"$y\""),
                Arguments.of("{{ \"abc }}", "template: t:1: unterminated quoted string"),
                Arguments.of("{{ break }}", "template: t:1: {{break}} outside {{range}}"),
                Arguments.of("{{ 12abc }}", "template: t:1: bad number syntax: \"12abc\""),
                Arguments.of("{{ ( .X }}", "template: t:1: unclosed left paren"),
                Arguments.of("{{ | }}", "template: t:1: missing value for command"),
                Arguments.of("{{ range .X }}{{ else }}{{ else }}{{ end }}", "template: t:1: unexpected {{else}}"),
                Arguments.of("{{ .X ; }}", "template: t:1: unrecognized character in action: ';'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseErrors")
    void rejectsBadSyntax(String template, String message) {
        assertThatThrownBy(() -> Template.parse("t", template, Functions.builtins()))
                .isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> executionErrors() {
        return Stream.of(
                Arguments.of(
                        "{{ .Name.Foo }}",
                        "template: t:1:3: executing \"t\" at <.Name.Foo>: can't evaluate field Foo in type string"),
                Arguments.of(
                        "{{ index .List 7 }}",
                        "template: t:1:3: executing \"t\" at <index .List 7>: error calling index: index out of range: 7"),
                Arguments.of(
                        "x\n  {{ lt .Name 1 }}",
                        "template: t:2:5: executing \"t\" at <lt .Name 1>: error calling lt: incompatible types for comparison"),
                Arguments.of(
                        "{{ template \"nope\" }}",
                        "template: t:1:3: executing \"t\" at <template \"nope\">: no such template \"nope\""),
                Arguments.of(
                        "{{ len 3 }}",
                        "template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int"),
                Arguments.of(
                        "{{ range .Name }}{{ end }}",
                        "template: t:1:9: executing \"t\" at <.Name>: range can't iterate over node"),
                Arguments.of(
                        "{{ .Name 1 }}",
                        "template: t:1:3: executing \"t\" at <.Name 1>: Name is not a method but has arguments"),
                Arguments.of(
                        "{{ 3 | .Count }}",
                        "template: t:1:7: executing \"t\" at <.Count>: Count is not a method but has arguments"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executionErrors")
    void reportsExecutionErrorsWithPosition(String template, String message) throws TemplateException {
        Template t = Template.parse("t", template, Functions.builtins());
        assertThatThrownBy(() -> t.execute(DATA))
                .isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    @Test
    void definesFromSeveralSourcesAndExecutesTextAgainstThem() throws TemplateException {
        Template set = Template.builder(Functions.builtins())
                .add("a.tmpl", "{{ define \"greet\" }}hello {{ . }}{{ end }}")
                .add("b.tmpl", "{{ define \"shout\" }}{{ template \"greet\" . }}!{{ end }}")
                .build();
        assertThat(set.names()).contains("greet", "shout");
        assertThat(set.executeTemplate("shout", "you")).isEqualTo("hello you!");
        assertThat(set.executeText("[{{ template \"shout\" . }}]", "me")).isEqualTo("[hello me!]");
        assertThat(set.executeText("no actions", "me")).isEqualTo("no actions");
    }

    @Test
    void laterDefinitionsReplaceEarlierOnesAcrossSources() throws TemplateException {
        Template set = Template.builder(Functions.builtins())
                .add("default.tmpl", "{{ define \"x\" }}default{{ end }}")
                .add("user.tmpl", "{{ define \"x\" }}custom{{ end }}")
                .build();
        assertThat(set.executeText("{{ template \"x\" }}", null)).isEqualTo("custom");
    }

    @Test
    void recursionIsBoundedInsteadOfOverflowingTheStack() throws TemplateException {
        Template t = Template.parse(
                "t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}", Functions.builtins());
        assertThatThrownBy(() -> t.execute(DATA)).hasMessageContaining("exceeded maximum template depth");
    }

    @Test
    void oneTemplateRunsConcurrently() throws Exception {
        Template t = Template.parse("t", "{{ range $k, $v := . }}{{ $k }}{{ $v }}{{ end }}", Functions.builtins());
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<String> failures =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int i = 0; i < 8; i++) {
            int id = i;
            Thread thread = new Thread(() -> {
                for (int n = 0; n < 500; n++) {
                    try {
                        String out = t.execute(Map.of("a", id, "b", n));
                        if (!out.equals("a" + id + "b" + n)) {
                            failures.add(out);
                        }
                    } catch (TemplateException e) {
                        failures.add(e.getMessage());
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
