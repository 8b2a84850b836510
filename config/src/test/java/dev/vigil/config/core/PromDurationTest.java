package dev.vigil.config.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {
    private static final long S = 1000;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;

    @ParameterizedTest(name = "{0} = {1}ms, printed {2}")
    @CsvSource({
        "0,            0,                         0s",
        "0s,           0,                         0s",
        "15s,          15000,                     15s",
        "90s,          90000,                     1m30s",
        "1h30m,        5400000,                   1h30m",
        "5m,           300000,                    5m",
        "1d,           86400000,                  1d",
        "2w,           1209600000,                2w",
        "90d,          7776000000,                90d",
        "1y,           31536000000,               1y",
        "500ms,        500,                       500ms",
        "1s500ms,      1500,                      1s500ms",
        "1y2w3d4h5m6s7ms, 33019506007,            382d4h5m6s7ms",
        "3w,           1814400000,                3w",
        "8d,           691200000,                 8d",
        "0h0m10s,      10000,                     10s",
    })
    void parsesAndPrintsCanonically(String text, long millis, String canonical) {
        PromDuration duration = PromDuration.parse(text);

        assertThat(duration.millis()).isEqualTo(millis);
        assertThat(duration).hasToString(canonical);
        assertThat(PromDuration.parse(duration.toString())).isEqualTo(duration);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 999, S, 61 * S, H + S, D - 1, 7 * D, 8 * D + 1, 365 * D, 366 * D, 730 * D + 5 * H})
    void roundTripsEveryValue(long millis) {
        PromDuration duration = PromDuration.ofMillis(millis);

        assertThat(PromDuration.parse(duration.toString())).isEqualTo(duration);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''            | empty duration string",
                "-5s           | not a valid duration string: \"-5s\": expected a number at position 1",
                "5             | not a valid duration string: \"5\": missing unit after 5 (one of y, w, d, h, m, s, ms)",
                "1.5h          | not a valid duration string: \"1.5h\": missing unit after 1 (one of y, w, d, h, m, s, ms)",
                "10 s          | not a valid duration string: \"10 s\": missing unit after 10 (one of y, w, d, h, m, s, ms)",
                "5sec          | not a valid duration string: \"5sec\": unknown unit \"sec\" (one of y, w, d, h, m, s, ms)",
                "30s1m         | not a valid duration string: \"30s1m\": units must appear at most once, in the order y, w, d, h, m, s, ms",
                "1m1m          | not a valid duration string: \"1m1m\": units must appear at most once, in the order y, w, d, h, m, s, ms",
                "h             | not a valid duration string: \"h\": expected a number at position 1",
                "1h_           | not a valid duration string: \"1h_\": expected a number at position 3",
                "300y          | not a valid duration string: \"300y\": duration out of range (at most about 292 years)",
                "99999999999999999999s | not a valid duration string: \"99999999999999999999s\": duration out of range (at most about 292 years)",
            })
    void rejectsInvalidText(String text, String message) {
        assertThatThrownBy(() -> PromDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MAX_VALUE})
    void rejectsOutOfRangeMillis(long millis) {
        assertThatThrownBy(() -> PromDuration.ofMillis(millis)).isInstanceOf(IllegalArgumentException.class);
    }
}
