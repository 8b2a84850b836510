package dev.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusFunctionsTest {
    private static final Labels LABELS =
            Labels.of("__name__", "up", "instance", "web-1.example.com:9100", "job", "node");
    private static final List<QuerySample> SAMPLES = List.of(
            new QuerySample(Labels.of("instance", "b", "__value__", "7"), 2),
            new QuerySample(Labels.of("instance", "a"), 1),
            new QuerySample(Labels.of("instance", "c"), 3));

    private final AlertTemplateExpander expander = new AlertTemplateExpander(
            URI.create("https://vigil.example.com/prom"), Map.of("cluster", "eu1"), (expr, t) -> {
                if (expr.equals("fail")) {
                    throw new IllegalStateException("query failed: boom");
                }
                return expr.equals("none") ? List.of() : SAMPLES;
            });

    private String expand(String text, double value) {
        return expander.expand("Test", text, LABELS, value, 1_700_000_000_000L);
    }

    static Stream<Arguments> humanize() {
        return Stream.of(
                // The values from Prometheus's documented template examples.
                Arguments.of("{{ humanize $value }}", 1234567.0, "1.235M"),
                Arguments.of("{{ humanize1024 $value }}", 1048576.0, "1Mi"),
                Arguments.of("{{ humanize1024 $value }}", 1234567.0, "1.177Mi"),
                Arguments.of("{{ humanizeDuration $value }}", 899.99, "14m 59s"),
                Arguments.of("{{ humanizeDuration $value }}", 3661.0, "1h 1m 1s"),
                Arguments.of("{{ humanizePercentage $value }}", 0.1234567, "12.35%"),
                Arguments.of("{{ $value | humanizeTimestamp }}", 1435065584.128, "2015-06-23 13:19:44.128 +0000 UTC"),
                Arguments.of("{{ humanize $value }}", 0.0, "0"),
                Arguments.of("{{ humanize $value }}", 999.0, "999"),
                Arguments.of("{{ humanize $value }}", 1000.0, "1k"),
                Arguments.of("{{ humanize $value }}", -1234.0, "-1.234k"),
                Arguments.of("{{ humanize $value }}", 0.001234, "1.234m"),
                Arguments.of("{{ humanize $value }}", 0.0000012, "1.2u"),
                Arguments.of("{{ humanize $value }}", 1.5e30, "1.5e+06Y"),
                Arguments.of("{{ humanize $value }}", Double.NaN, "NaN"),
                Arguments.of("{{ humanize $value }}", Double.POSITIVE_INFINITY, "+Inf"),
                Arguments.of("{{ humanize1024 $value }}", 1.0, "1"),
                Arguments.of("{{ humanize1024 $value }}", 1024.0, "1ki"),
                Arguments.of("{{ humanize1024 $value }}", 0.5, "0.5"),
                Arguments.of("{{ humanizeDuration $value }}", 0.0, "0s"),
                Arguments.of("{{ humanizeDuration $value }}", 59.5, "59.5s"),
                Arguments.of("{{ humanizeDuration $value }}", 90061.0, "1d 1h 1m 1s"),
                Arguments.of("{{ humanizeDuration $value }}", -3661.0, "-1h 1m 1s"),
                Arguments.of("{{ humanizeDuration $value }}", 0.0015, "1.5ms"),
                Arguments.of("{{ humanizeDuration $value }}", 0.000002, "2us"),
                Arguments.of("{{ humanizePercentage $value }}", 1.0, "100%"),
                Arguments.of("{{ humanizeTimestamp $value }}", 0.0, "1970-01-01 00:00:00 +0000 UTC"),
                Arguments.of("{{ humanize \"1234567\" }}", 0.0, "1.235M"),
                Arguments.of("{{ humanize 1000 }}", 0.0, "1k"),
                Arguments.of(
                        "{{ ($value | toTime).Format \"2006-01-02T15:04:05Z07:00\" }}",
                        1435065584.0,
                        "2015-06-23T13:19:44Z"),
                Arguments.of("{{ (toTime $value).Unix }}", 1435065584.9, "1435065584"));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("humanize")
    void humanizesLikePrometheus(String text, double value, String expected) {
        assertThat(expand(text, value)).isEqualTo(expected);
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("{{ $labels.instance }} of {{ $labels.job }}", "web-1.example.com:9100 of node"),
                Arguments.of("{{ .Labels.job }}={{ .Value }}", "node=42.5"),
                Arguments.of("{{ $value }}", "42.5"),
                Arguments.of("{{ $externalLabels.cluster }} {{ $externalURL }}", "eu1 https://vigil.example.com/prom"),
                Arguments.of("{{ .ExternalLabels.cluster }}", "eu1"),
                Arguments.of("{{ $labels.missing }}", "<no value>"),
                Arguments.of("{{ \"aa bb-cc d_e\" | title }}", "Aa Bb-Cc D_e"),
                Arguments.of("{{ toUpper \"aB\" }}{{ toLower \"Cd\" }}", "ABcd"),
                Arguments.of("{{ match \"a+\" \"xaay\" }} {{ match \"^a+$\" \"xaay\" }}", "true false"),
                Arguments.of(
                        "{{ reReplaceAll \"localhost:(.*)\" \"my.domain:$1\" \"localhost:3000\" }}", "my.domain:3000"),
                Arguments.of("{{ reReplaceAll \"(?P<h>[a-z]+)-(\\\\d)\" \"${h}_$2$$\" \"web-1\" }}", "web_1$"),
                Arguments.of("{{ reReplaceAll \"a\" \"$1x\" \"aa\" }}", ""),
                Arguments.of("{{ $labels.instance | stripPort }}", "web-1.example.com"),
                Arguments.of("{{ stripPort \"[::1]:80\" }} {{ stripPort \"noport\" }}", "::1 noport"),
                Arguments.of("{{ $labels.instance | stripDomain }}", "web-1:9100"),
                Arguments.of("{{ stripDomain \"10.0.0.1:80\" }} {{ stripDomain \"a.b.c\" }}", "10.0.0.1:80 a"),
                Arguments.of("{{ graphLink \"up == 0\" }}", "/graph?g0.expr=up+%3D%3D+0&g0.tab=0"),
                Arguments.of("{{ tableLink \"rate(x[5m])\" }}", "/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1"),
                Arguments.of("{{ pathPrefix }} {{ externalURL }}", "/prom https://vigil.example.com/prom"),
                Arguments.of("{{ safeHtml \"<b>\" }}", "<b>"),
                Arguments.of(
                        "{{ define \"x\" }}{{ .arg0 }}-{{ .arg1 }}{{ end }}{{ template \"x\" (args 1 \"b\") }}", "1-b"),
                Arguments.of("{{ query \"up\" | first | value }}", "2"),
                Arguments.of("{{ query \"up\" | first | label \"instance\" }}", "b"),
                Arguments.of("{{ with query \"up\" }}{{ . | first | strvalue }}{{ end }}", "7"),
                Arguments.of(
                        "{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }}={{ .Value }} {{ end }}",
                        "a=1 b=2 c=3 "),
                Arguments.of("{{ with query \"none\" }}x{{ else }}no data{{ end }}", "no data"),
                Arguments.of("{{ range $i, $s := query \"up\" }}{{ if $i }},{{ end }}{{ $s.Value }}{{ end }}", "2,1,3"),
                Arguments.of("{{ now }}", "1.7e+09"),
                Arguments.of("{{ parseDuration \"1h30m\" }}", "5400"),
                Arguments.of("{{ printf \"%.2f\" $value }}", "42.50"),
                Arguments.of("{{ if gt $value 40.0 }}high{{ end }}", "high"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void expandsAlertTemplates(String text, String expected) {
        assertThat(expand(text, 42.5)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(
                        "{{ query \"fail\" }}",
                        "<error expanding template: template: __alert_Test:1:115: executing \"__alert_Test\" at <query \"fail\">: error calling query: query failed: boom>"),
                Arguments.of(
                        "{{ query \"none\" | first }}",
                        "<error expanding template: template: __alert_Test:1:130: executing \"__alert_Test\" at <first>: error calling first: first() called on vector with no elements>"),
                Arguments.of(
                        "{{ humanize \"abc\" }}",
                        "<error expanding template: template: __alert_Test:1:115: executing \"__alert_Test\" at <humanize \"abc\">: error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax>"),
                Arguments.of(
                        "{{ if }}", "<error expanding template: template: __alert_Test:1: missing value for command>"),
                Arguments.of(
                        "{{ nosuchfn }}",
                        "<error expanding template: template: __alert_Test:1: function \"nosuchfn\" not defined>"),
                Arguments.of(
                        "{{ reReplaceAll \"(\" \"\" \"x\" }}",
                        "<error expanding template: template: __alert_Test:1:115: executing \"__alert_Test\" at <reReplaceAll \"(\" \"\" \"x\">: error calling reReplaceAll: error parsing regexp: invalid regex \"(\": Unclosed group near index 5>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errorsExpandToAnErrorTextAndNeverThrow(String text, String expected) {
        assertThat(expand(text, 1)).isEqualTo(expected);
    }

    @Test
    void textWithoutActionsIsReturnedAsIs() {
        assertThat(expand("plain {text}", 1)).isEqualTo("plain {text}");
    }

    @Test
    void validateReportsParseErrorsForRuleFiles() {
        assertThat(AlertTemplateExpander.validate("A", "{{ $labels.x }}")).isEmpty();
        assertThat(AlertTemplateExpander.validate("A", "{{ $labels.x "))
                .contains("template: __alert_A:1: unclosed action");
    }
}
