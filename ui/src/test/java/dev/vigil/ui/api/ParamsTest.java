package dev.vigil.ui.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1435781451.781                    | 1435781451781",
                "1435781451                        | 1435781451000",
                "0                                 | 0",
                "1.5                               | 1500",
                "-1.5                              | -1500",
                "1.0004                            | 1000",
                "1.0006                            | 1001",
                "-0.0005                           | -1",
                "1e3                               | 1000000",
                "+12                               | 12000",
                ".5                                | 500",
                "0x1p4                             | 16000",
                "2015-07-01T20:10:51.781Z          | 1435781451781",
                "2015-07-01T20:10:51Z              | 1435781451000",
                "2015-07-01T22:10:51.781+02:00     | 1435781451781",
                "2015-07-01T20:10:51.781999999Z    | 1435781451781",
                "1969-12-31T23:59:59.9995Z         | -1",
                "-292273086-05-16T16:47:06Z        | -9223309901257974000",
                "292277025-08-18T07:12:54.999999999Z | 9223309901257974999",
            })
    void timesAreFloatSecondsOrRfc3339(String text, long expectedMs) {
        assertThat(Params.parseTime(text.strip())).isEqualTo(expectedMs);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "x                     | cannot parse \"x\" to a valid timestamp",
                "''                    | cannot parse \"\" to a valid timestamp",
                "' 1'                  | cannot parse \" 1\" to a valid timestamp",
                "1d                    | cannot parse \"1d\" to a valid timestamp",
                "NaN                   | cannot parse \"NaN\" to a valid timestamp",
                "Inf                   | cannot parse \"Inf\" to a valid timestamp",
                "1e400                 | cannot parse \"1e400\" to a valid timestamp",
                "2015-07-01            | cannot parse \"2015-07-01\" to a valid timestamp",
                "2015-07-01T20:10Z     | cannot parse \"2015-07-01T20:10Z\" to a valid timestamp",
                "2015-02-30T20:10:51Z  | cannot parse \"2015-02-30T20:10:51Z\" to a valid timestamp",
                "2015-07-01t20:10:51Z  | cannot parse \"2015-07-01t20:10:51Z\" to a valid timestamp",
            })
    void badTimesAreRejectedWithPrometheusMessage(String text, String message) {
        assertThatThrownBy(() -> Params.parseTime(text)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "15       | 15000000000",
                "0.5      | 500000000",
                "1e-4     | 100000",
                "-5       | -5000000000",
                "1m30s    | 90000000000",
                "1h       | 3600000000000",
                "2d       | 172800000000000",
                "100ms    | 100000000",
                "0        | 0",
            })
    void durationsAreFloatSecondsOrPrometheusDurations(String text, long expectedNanos) {
        assertThat(Params.parseDurationNanos(text)).isEqualTo(expectedNanos);
    }

    @Test
    void badDurationsAreRejectedWithPrometheusMessages() {
        assertThatThrownBy(() -> Params.parseDurationNanos("x")).hasMessage("cannot parse \"x\" to a valid duration");
        assertThatThrownBy(() -> Params.parseDurationNanos("1.5m"))
                .hasMessage("cannot parse \"1.5m\" to a valid duration");
        assertThatThrownBy(() -> Params.parseDurationNanos("1e10"))
                .hasMessage("cannot parse \"1e10\" to a valid duration. It overflows int64");
        assertThatThrownBy(() -> Params.parseDurationNanos("NaN"))
                .hasMessage("cannot parse \"NaN\" to a valid duration");
    }

    @Test
    void timeParameterWrapsTheMessageAndDefaults() {
        ApiRequest r = ApiRequest.ofQuery(Map.of("start", List.of("x")));
        assertThat(Params.timeParam(r, "end", 42)).isEqualTo(42);
        assertThatThrownBy(() -> Params.timeParam(r, "start", 0))
                .isInstanceOf(ApiException.class)
                .hasMessage("invalid parameter \"start\": invalid time value for 'start': cannot parse \"x\" to a"
                        + " valid timestamp");
    }

    @Test
    void limitsAreNonNegativeIntegers() {
        assertThat(Params.limitParam(ApiRequest.ofQuery(Map.of()))).isZero();
        assertThat(Params.limitParam(ApiRequest.ofQuery(Map.of("limit", List.of("+7")))))
                .isEqualTo(7);
        assertThatThrownBy(() -> Params.limitParam(ApiRequest.ofQuery(Map.of("limit", List.of("1.5")))))
                .hasMessage("invalid parameter \"limit\": strconv.Atoi: parsing \"1.5\": invalid syntax");
        assertThatThrownBy(() -> Params.limitParam(ApiRequest.ofQuery(Map.of("limit", List.of("99999999999")))))
                .hasMessage("invalid parameter \"limit\": strconv.Atoi: parsing \"99999999999\": value out of range");
    }

    @Test
    void goParsingRules() {
        assertThat(GoStrconv.parseFloat("INFINITY")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(GoStrconv.parseFloat("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(GoStrconv.parseFloat("nan")).isNaN();
        assertThat(GoStrconv.parseFloat("1.")).isEqualTo(1.0);
        assertThat(GoStrconv.parseFloat("1f")).isNull();
        assertThat(GoStrconv.parseFloat("0x10"))
                .as("hex needs an exponent in Go")
                .isNull();
        assertThat(GoStrconv.parseFloat("1_000")).isNull();
        assertThat(GoStrconv.parseBool("T")).isTrue();
        assertThat(GoStrconv.parseBool("0")).isFalse();
        assertThatThrownBy(() -> GoStrconv.parseBool("yes"))
                .hasMessage("strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    @Test
    void formValuesComeBeforeQueryValues() {
        ApiRequest r = new ApiRequest(
                Map.of("match[]", List.of("a"), "query", List.of("body")),
                Map.of("match[]", List.of("b"), "query", List.of("url"), "state", List.of("x")),
                Map.of("name", "job"),
                0);
        assertThat(r.param("query")).isEqualTo("body");
        assertThat(r.params("match[]")).containsExactly("a", "b");
        assertThat(r.queryParam("query")).isEqualTo("url");
        assertThat(r.param("missing")).isEmpty();
        assertThat(r.pathParam("name")).isEqualTo("job");
    }
}
